"""How many worker processes the command starts: the rule, not its timing."""
from __future__ import annotations

from lianhuan_extract.cli.app import BYTES_PER_WORKER, DOCUMENTS_PER_WORKER, choose_workers, input_bytes
from lianhuan_extract.cli.inputs import InputError

MIB = 1024 * 1024


def test_the_rule_in_numbers():
    # the constants the help text and the README speak of
    assert (BYTES_PER_WORKER, DOCUMENTS_PER_WORKER) == (512 * 1024, 100)


def test_an_explicit_jobs_is_obeyed_whatever_the_size():
    assert choose_workers(2, documents=3, size=100, cores=8) == 2
    assert choose_workers(6, documents=2000, size=3 * MIB, cores=2) == 6
    assert choose_workers(1, documents=2000, size=300 * MIB, cores=8) == 1


def test_no_more_workers_than_documents_even_when_asked():
    assert choose_workers(4, documents=2, size=100 * MIB, cores=8) == 2
    assert choose_workers(4, documents=0, size=0, cores=8) == 1


def test_a_small_input_runs_in_this_process():
    assert choose_workers(None, documents=1, size=40_000, cores=8) == 1
    assert choose_workers(None, documents=150, size=900_000, cores=2) == 1  # under 1 MiB
    assert choose_workers(None, documents=150, size=50 * MIB, cores=2) == 1  # few long documents
    assert choose_workers(None, documents=5000, size=700_000, cores=2) == 1  # many tiny ones


def test_a_big_input_gets_a_worker_per_core():
    assert choose_workers(None, documents=2000, size=9 * MIB, cores=2) == 2
    assert choose_workers(None, documents=200, size=1 * MIB, cores=2) == 2
    assert choose_workers(None, documents=2000, size=9 * MIB, cores=16) == 16


def test_a_middling_input_gets_as_many_workers_as_it_can_keep_busy():
    assert choose_workers(None, documents=2000, size=3 * MIB // 2, cores=16) == 3
    assert choose_workers(None, documents=450, size=100 * MIB, cores=16) == 4


def test_a_stream_of_unknown_length_gets_all_cores_and_known_parts_still_count():
    assert choose_workers(None, documents=None, size=None, cores=4) == 4  # JSON Lines on stdin
    assert choose_workers(None, documents=None, size=200_000, cores=4) == 1  # a small JSON Lines file
    assert choose_workers(None, documents=None, size=2 * MIB, cores=4) == 4
    assert choose_workers(None, documents=1, size=None, cores=4) == 1  # one text on stdin


def test_on_dask_all_cores_unless_told():
    assert choose_workers(None, documents=3, size=100, cores=4, scheduler="local") == 4
    assert choose_workers(2, documents=3, size=100, cores=4, scheduler="local") == 2


def test_input_bytes_adds_the_files_and_leaves_out_what_resume_skips(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"x" * 1000)
    b.write_bytes(b"y" * 234)
    missing = str(tmp_path / "missing.txt")
    entries = [str(a), InputError(str(tmp_path), "no files", document=False), str(b), missing]
    assert input_bytes(entries) == 1234
    assert input_bytes(entries, skip=frozenset({str(a)})) == 234
    assert input_bytes([str(a), "-"]) is None
