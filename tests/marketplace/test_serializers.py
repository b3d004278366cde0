"""A serializer with SharedFieldsMixin builds its fields once per language, not once per request."""

import threading

import pytest
from django.utils import translation
from rest_framework import serializers

from marketplace.serializers import SharedFieldsMixin


class AuthorInput(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class NoteInput(SharedFieldsMixin, serializers.Serializer):
    title = serializers.CharField(max_length=5)
    tags = serializers.ListField(child=serializers.CharField(max_length=3), max_length=2, required=False)
    authors = AuthorInput(many=True, required=False)


def test_every_request_validates_with_the_same_fields_none_copied():
    first, second = NoteInput(data={"title": "a"}), NoteInput(data={"title": "b"})

    assert first.fields["title"] is second.fields["title"]
    assert first.fields["authors"].child.fields["name"] is second.fields["authors"].child.fields["name"]


def test_each_instance_keeps_its_own_answer():
    good, bad = NoteInput(data={"title": "abc", "tags": ["x"]}), NoteInput(data={"title": "abcdef"})

    assert good.is_valid() and not bad.is_valid()
    assert good.validated_data == {"title": "abc", "tags": ["x"]}
    assert list(bad.errors) == ["title"]


def test_english_and_indonesian_have_their_own_fields_and_messages():
    with translation.override("en"):
        english = NoteInput(data={"title": "abcdef", "authors": [{"name": "abcdef"}]})
        english.is_valid()
    with translation.override("id"):
        indonesian = NoteInput(data={"title": "abcdef", "authors": [{"name": "abcdef"}]})
        indonesian.is_valid()

    assert english.fields["title"] is not indonesian.fields["title"]
    assert english.errors["title"] == ["Ensure this field has no more than 5 characters."]
    assert english.errors["authors"] == {0: {"name": ["Ensure this field has no more than 5 characters."]}}
    assert indonesian.errors["title"] == ["Isi bidang ini tidak boleh melebihi 5 karakter."]
    assert indonesian.errors["authors"] == {0: {"name": ["Isi bidang ini tidak boleh melebihi 5 karakter."]}}


@pytest.mark.parametrize(
    "kwargs", [{"context": {"request": "r"}}, {"partial": True}, {"instance": {"title": "a"}}], ids=str
)
def test_an_instance_with_context_partial_or_an_instance_builds_its_own_fields(kwargs):
    own = NoteInput(data={"title": "abc"}, **kwargs)

    assert own.fields["title"] is not NoteInput(data={"title": "abc"}).fields["title"]
    assert own.fields["title"].root is own
    assert own.is_valid()


def test_the_shared_fields_cannot_be_changed_by_one_request():
    with pytest.raises(TypeError):
        NoteInput(data={}).fields["title"] = serializers.CharField()


def test_threads_validating_at_once_each_get_their_own_answer():
    bodies = [{"title": f"t{i}", "tags": [str(i)]} for i in range(4)] + [{"title": "toolong"}, {"tags": "x"}]
    start = threading.Barrier(len(bodies))
    answers = {}

    def run(i, body):
        start.wait()
        for _ in range(200):
            serializer = NoteInput(data=body)
            serializer.is_valid()
            answer = (dict(serializer.validated_data), dict(serializer.errors))
            if answers.setdefault(i, answer) != answer:
                answers[i] = "changed"

    threads = [threading.Thread(target=run, args=(i, body)) for i, body in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [answers[i][0] for i in range(4)] == [{"title": f"t{i}", "tags": [str(i)]} for i in range(4)]
    assert [list(answers[i][1]) for i in (4, 5)] == [["title"], ["title", "tags"]]
