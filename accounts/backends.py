"""Authentication backends."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Username and password as Django's ModelBackend, with Django's model permissions for
    staff only.

    Model permissions are what the admin site checks, and only staff (administrators) reach
    it; every other permission is decided in the apps' rules.py. Without this, each menu item
    a rule denies fell through to two permission queries on every page.
    """

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_staff:
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_staff:
            return set()
        return super().get_group_permissions(user_obj, obj)
