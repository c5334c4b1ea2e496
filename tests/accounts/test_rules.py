import pytest
from django.contrib.auth.models import AnonymousUser

from samskab.accounts import rules

from ..access_matrix import ROLES, user_for

pytestmark = pytest.mark.django_db


def test_can_use_api_is_for_council_members_and_the_secretariat(world):
    allowed = {
        role for role in ROLES if rules.can_use_api(user_for(role, world) or AnonymousUser())
    }
    assert allowed == {"council_member", "secretariat"}
