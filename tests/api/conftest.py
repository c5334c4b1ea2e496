# The task committee fixtures, for the API's task committee tests.
from ..taskcommittees.conftest import drafters, english, task  # noqa: F401
