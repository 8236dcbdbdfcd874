"""Shared fixtures: one demo county per test database, signed-in clients per demo account."""

import os

import pytest
from django.test import Client

from countydesk.accounts.models import User
from countydesk.demo.generator import build_demo

IN_CI = os.environ.get("CI") == "true"


def pytest_collection_modifyitems(config, items):
    # Browser tests need a flushed, transactional database: run them after everything else.
    items.sort(key=lambda item: "e2e" in item.keywords)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo county (seed 1); each test rolls back its own changes."""
    with django_db_blocker.unblock():
        build_demo(seed=1)


@pytest.fixture
def user(db):
    def get(username: str) -> User:
        return User.objects.select_related("unit").get(username=username)

    return get


@pytest.fixture
def client_as(db, user):
    """A browser-like client signed in as a demo account (session auth)."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(user(username))
        return client

    return make


@pytest.fixture
def api_as(db, user):
    """An API client sending a bearer token of the demo account."""
    from countydesk.accounts.services import do_issue_token

    def make(username: str) -> Client:
        target = user(username)
        _, raw = do_issue_token(target, target, "tests")
        return Client(headers={"authorization": f"Bearer {raw}"})

    return make
