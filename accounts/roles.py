"""The four roles, as Django groups. Names are shown to users, so they are Danish."""

ADMINISTRATOR = "Administrator"
LEADER = "Leder"
OMU_MEMBER = "OMU-medlem"
COMMITTEE_MEMBER = "Udvalgsmedlem"

ALL = [ADMINISTRATOR, LEADER, OMU_MEMBER, COMMITTEE_MEMBER]
