"""A database made before blasts moved from the campaigns app migrates forward with every row kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD_LAYOUT = [("campaigns", "0002_blasts"), ("mailings", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = [node for node in executor.loader.applied_migrations if node in executor.loader.graph.nodes]
    return executor.loader.project_state(applied, at_end=True).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_blasts_and_deliveries_of_the_old_layout_survive_the_move_to_mailings():
    old = _migrate(OLD_LAYOUT)
    User = old.get_model("marketplace", "User")
    Campaign = old.get_model("campaigns", "Campaign")
    Blast = old.get_model("campaigns", "Blast")
    Delivery = old.get_model("campaigns", "Delivery")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="campaigns", model="blast")
    staff = User.objects.create(email="staf@kemenperin.go.id", full_name="Staf")
    buyer = User.objects.create(email="pembeli@example.id", full_name="Pembeli")
    campaign = Campaign.objects.create(
        hashtag="#SatuDalamKopi",
        slug="satu-dalam-kopi",
        name="Satu Dalam Kopi",
        starts_at="2020-04-20T00:00:00+07:00",
        ends_at="2020-04-26T23:59:59+07:00",
        discount_percent=20,
    )
    blast = Blast.objects.create(campaign=campaign, subject="Ngopi bareng", body="**Halo**", created_by=staff)
    Delivery.objects.create(blast=blast, user=buyer, email=buyer.email, status="sent")

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved_blast = new.get_model("mailings", "Blast").objects.get()
    assert (moved_blast.pk, moved_blast.subject, moved_blast.campaign_id) == (blast.pk, "Ngopi bareng", campaign.pk)
    moved = new.get_model("mailings", "Delivery").objects.get()
    assert (moved.blast_id, moved.email, moved.status) == (blast.pk, "pembeli@example.id", "sent")
    content_type = new.get_model("contenttypes", "ContentType").objects.get(model="blast")
    assert content_type.app_label == "mailings"
