import rules

from accounts.rules import is_administrator

rules.add_perm("api.manage_tokens", is_administrator)
