import pytest

from tests.mailings.blast_helpers import make_blast


@pytest.fixture
def blast(campaign, ministry):
    return make_blast(campaign, ministry)
