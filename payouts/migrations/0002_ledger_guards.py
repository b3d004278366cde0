"""PostgreSQL guards of the money ledger: entries and journals are append-only, journals balance.

SQLite (the embedded default) relies on the services and the CHECK constraints alone.
"""

from django.db import migrations

GUARDS = """
CREATE FUNCTION payouts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'money ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER payouts_entry_append_only BEFORE UPDATE OR DELETE ON payouts_entry
    FOR EACH ROW EXECUTE FUNCTION payouts_append_only();
CREATE TRIGGER payouts_journal_append_only BEFORE UPDATE OR DELETE ON payouts_journal
    FOR EACH ROW EXECUTE FUNCTION payouts_append_only();

CREATE FUNCTION payouts_journal_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint;
BEGIN
    SELECT COALESCE(SUM(amount), 0) INTO total FROM payouts_entry WHERE journal_id = NEW.journal_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'journal % does not balance (sum %)', NEW.journal_id, total;
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER payouts_entry_balances AFTER INSERT ON payouts_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payouts_journal_balances();
"""

DROP = """
DROP TRIGGER IF EXISTS payouts_entry_balances ON payouts_entry;
DROP FUNCTION IF EXISTS payouts_journal_balances();
DROP TRIGGER IF EXISTS payouts_journal_append_only ON payouts_journal;
DROP TRIGGER IF EXISTS payouts_entry_append_only ON payouts_entry;
DROP FUNCTION IF EXISTS payouts_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("payouts", "0001_money_ledger")]

    operations = [migrations.RunPython(_on_postgres(GUARDS), _on_postgres(DROP))]
