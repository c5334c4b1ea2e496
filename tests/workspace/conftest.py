import pytest

from samskab.core.access import AccessLevel
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee
from samskab.workspace import services


class Room:
    """world.task ("Klimatilpasning") at work, with a thread at each access level started by
    its citizen member (who has accepted the code of conduct with her first post)."""

    def __init__(self, world):
        self.world = world
        self.task = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
        self.threads = {
            level: services.start_thread(
                world.citizen_user,
                world.task,
                title=f"Tråd ({level})",
                text=f"Første indlæg ({level}).",
                access_level=level,
                accept_code=True,
            )
            for level in (AccessLevel.BODY, AccessLevel.COUNCIL, AccessLevel.PUBLIC)
        }
        self.body_thread = self.threads[AccessLevel.BODY]
        self.post = self.body_thread.posts.get()


@pytest.fixture
def room(world):
    return Room(world)


@pytest.fixture
def login(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in
