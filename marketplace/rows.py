"""Checkout's statements as SQL text built once per shape, from the models' own metadata.

Django compiles a queryset or an insert anew on every call. For checkout's lock statement (a variant
joined to its product, shop and category) and its six inserts, compiling cost more CPU than
PostgreSQL took to run them: about a third of the request (docs/benchmarks.md). The helpers here
build each statement's text once per shape (which models, how many rows) from `_meta`, so a new
field or a renamed column follows without an edit, and turn rows into instances the way the ORM
does: each field's database converters, then `Model.from_db`.

`rows_insert` writes several tables in one statement on PostgreSQL (a data-modifying `WITH` part
each), so checkout's six inserts are two statements.

They run on a cursor that binds parameters on the server (`statement_cursor`), so psycopg can
prepare them once per connection and PostgreSQL stops planning them on every order: planning the
lock statement cost it six times what running it did.

They know plain concrete fields only, which is all those models have. A model with a `db_default`
or a field that computes its value on save other than through `pre_save` would need the ORM.
"""

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import psycopg
from django.db import connections, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import BooleanField, Model
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class SqlMark:
    """A boolean SQL expression with its parameters, read into attribute `name` of each row.

    The pricing and voucher ports hand checkout one each, to be read in its lock statement: whether
    a campaign may price the product (`sellers_product` in the expression is the locked product's
    row), whether any automatic voucher is live.
    """

    name: str
    sql: str
    params: tuple = ()

    def annotate(self, queryset):
        """The same mark on an ordinary queryset (tests, and any caller outside checkout)."""
        return queryset.annotate(**{self.name: RawSQL(self.sql, self.params, output_field=BooleanField())})


def statement_cursor(alias: str = "default"):
    """A cursor binding parameters on the server (PostgreSQL), wrapped like any Django cursor.

    Django's own cursors bind on the client, which psycopg never prepares; this one is prepared
    after `prepare_threshold` runs of the same text (settings: DATABASE_PREPARE_THRESHOLD). Only for
    statements whose text is fixed per shape, like those built here.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = _NumberedCursor(connection.connection)
    return _LoggedStatementCursor(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)


_PLACEHOLDER = re.compile(r"%([s%])")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`%s` placeholders as PostgreSQL's own `$1, $2...`, and `%%` as `%` (as psycopg reads a text
    that has parameters)."""
    count = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: f"${next(count)}" if m[1] == "s" else "%", sql)


class _NumberedCursor(psycopg.RawCursor):
    """Takes `%s` text like any psycopg cursor and sends it as `$n` text, converted once per text.

    psycopg parses a statement's `%s` placeholders on every run once it has more than 50 of them (it
    caches only smaller ones): checkout's inserts, each time, which cost 10% of its Python calls. Its
    raw cursor takes PostgreSQL's own placeholders and parses nothing; the texts here are few and
    fixed, so converting each once is enough."""

    def execute(self, query, params=None, **kwargs):
        return super().execute(query if params is None else numbered(query), params, **kwargs)


class _LoggedStatementCursor(CursorDebugWrapper):
    """Logs the statement with its values even once prepared: psycopg then sends no text, and
    Django, which logs the text sent, would log None (DEBUG, `CaptureQueriesContext`)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


def quoted_columns(model: type[Model], connection) -> list[str]:
    table = connection.ops.quote_name(model._meta.db_table)
    return [f"{table}.{connection.ops.quote_name(f.column)}" for f in model._meta.concrete_fields]


@cache
def _converters(model: type[Model], alias: str) -> tuple:
    """(position, converters) for the fields whose database value needs converting (JSON, booleans
    on SQLite, ...), as the ORM's compiler would apply them."""
    connection = connections[alias]
    found = []
    for position, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        converters = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]
        if converters:
            found.append((position, column, tuple(converters)))
    return tuple(found)


def instances(classes: tuple[type[Model], ...], row, *, alias: str = "default") -> list[Model]:
    """One instance per model class from a row holding each one's `quoted_columns`, in that order."""
    connection = connections[alias]
    made, start = [], 0
    for model in classes:
        width = len(model._meta.concrete_fields)
        values = list(row[start : start + width])
        for position, column, converters in _converters(model, alias):
            for converter in converters:
                values[position] = converter(values[position], column, connection)
        made.append(model.from_db(alias, None, values))
        start += width
    return made


@cache
def _insert_sql(model: type[Model], with_pk: bool, rows: int, alias: str) -> str:
    ops = connections[alias].ops
    fields = _insert_fields(model, with_pk)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = "" if with_pk else f" RETURNING {ops.quote_name(model._meta.pk.column)}"
    return f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES {', '.join([one] * rows)}{returning}"


@cache
def _insert_fields(model: type[Model], with_pk: bool) -> tuple:
    return tuple(f for f in model._meta.concrete_fields if with_pk or not f.primary_key)


# Django's own fields whose database value is the Python value itself when it has this exact type:
# the driver sends such a value as it is, and preparing it (a third of an insert's Python) is skipped.
_AS_IS = {
    **dict.fromkeys((models.CharField, models.TextField, models.EmailField, models.SlugField), str),
    models.BooleanField: bool,
    **dict.fromkeys(
        (
            models.AutoField,
            models.BigAutoField,
            models.SmallIntegerField,
            models.IntegerField,
            models.BigIntegerField,
            models.PositiveSmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveBigIntegerField,
        ),
        int,
    ),
}


@cache
def _value_readers(model: type[Model], with_pk: bool) -> tuple:
    """(field, the type its value goes as-is in, or None) for each inserted field."""
    readers = []
    for field in _insert_fields(model, with_pk):
        kind = type(field.target_field) if type(field) in (models.ForeignKey, models.OneToOneField) else type(field)
        readers.append((field, _AS_IS.get(kind)))
    return tuple(readers)


def _db_values(obj: Model, readers, connection) -> list:
    values = []
    for field, as_is in readers:
        if as_is is not None:
            value = getattr(obj, field.attname)
            if value is None or type(value) is as_is:
                values.append(value)
                continue
        values.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
    return values


def rows_insert(*groups: list[Model], alias: str = "default") -> None:
    """Insert each group (a list of objects of one model) as `bulk_create` would, and set their ids.

    On PostgreSQL every group goes in one statement, a data-modifying `WITH` part each: checkout
    writes six tables, and each statement costs a round trip and its own work on both sides. Other
    databases (SQLite for `make run`) get one statement per group, in order. Either way an object's
    foreign keys are read from the objects they point at when its group is written, so an object
    may point at one of an earlier group only if that one's id is known by then: on PostgreSQL, only
    ids taken from the sequence first (checkout's order) or from an earlier call.

    Within a group either every object has its id already or none has; the database's ids come back
    in the order the rows were sent, as `bulk_create` relies on too.
    """
    groups = [group for group in groups if group]
    connection = connections[alias]
    if connection.vendor == "postgresql" and groups:
        _run(groups, _together_sql(tuple(_shape(group) for group in groups), alias), connection)
    else:
        for group in groups:
            _run([group], _insert_sql(*_shape(group), alias), connection)


def _shape(objs: list[Model]) -> tuple:
    model = type(objs[0])
    with_pk = objs[0].pk is not None
    if any(type(obj) is not model or (obj.pk is not None) != with_pk for obj in objs):
        raise ValueError("rows_insert takes groups of objects of one model, all with an id or all without")
    return model, with_pk, len(objs)


def _run(groups: list[list[Model]], sql: str, connection) -> None:
    """Execute `sql` with the groups' values and give each object without an id the one written.

    One statement for several groups (`_together_sql`) answers a row holding an array of ids per
    group that had none; one for a single group answers a row per object."""
    params = []
    for group in groups:
        for obj in group:
            obj._prepare_related_fields_for_save(operation_name="rows_insert")
            params += _db_values(obj, _value_readers(type(obj), obj.pk is not None), connection)
    waiting = [group for group in groups if group[0].pk is None]
    with statement_cursor(connection.alias) as cursor:
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":  # always `_together_sql`, even for one group
            new_ids = list(cursor.fetchone()) if waiting else []
        else:
            new_ids = [[pk for (pk,) in cursor.fetchall()]] if waiting else []
    for group, ids in zip(waiting, new_ids, strict=True):
        for obj, pk in zip(group, ids, strict=True):
            obj.pk = pk
    for group in groups:
        for obj in group:
            obj._state.adding = False
            obj._state.db = connection.alias


@cache
def _together_sql(shapes: tuple, alias: str) -> str:
    """`WITH g0 AS (INSERT ... RETURNING id), g1 AS (...) SELECT ARRAY(SELECT id FROM g0 ORDER BY id), ...`

    A sequence hands one statement's rows ascending ids in the order they are written, so each
    array lists them in the order the objects were sent."""
    qn = connections[alias].ops.quote_name
    parts, arrays = [], []
    for n, (model, with_pk, rows) in enumerate(shapes):
        parts.append(f"g{n} AS ({_insert_sql(model, with_pk, rows, alias)})")
        if not with_pk:
            pk = qn(model._meta.pk.column)
            arrays.append(f"ARRAY(SELECT {pk} FROM g{n} ORDER BY {pk})")
    return f"WITH {', '.join(parts)} SELECT {', '.join(arrays) or '1'}"
