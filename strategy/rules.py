"""The strategy's permissions, with `rules` predicates (each app keeps its own in its rules.py;
`rules` finds them). Views, templates (`{% has_perm %}` / `perms`) and tests all ask these rules;
nothing else decides who may do what."""

import rules

from accounts.rules import is_administrator

# The strategy: everyone logged in reads it; administrators maintain it in the admin.
rules.add_perm("strategy.view_strategy", rules.is_authenticated)
rules.add_perm("strategy.manage_structure", is_administrator)
# Brugere og enheder: only administrators manage people and the organisation.
rules.add_perm("strategy.manage_people", is_administrator)
