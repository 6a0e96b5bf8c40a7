"""`make bench` finds the capacity between its coarse steps and alternates its closed loops
(benchmarks/load/measure.py, benchmarks/load/alternate.py)."""

from __future__ import annotations

from benchmarks.load.alternate import order
from benchmarks.load.measure import halfway
from benchmarks.load.swarm import Sample


def step(users: int, p95_ms: float) -> Sample:
    return Sample(users=users, seconds=30, latencies=[p95_ms] * 100)


def test_the_next_step_lies_halfway_between_the_last_pass_and_the_first_failure():
    assert halfway([step(39, 213), step(65, 872)]) == 52


def test_a_passing_halfway_step_moves_the_lower_bound_up():
    assert halfway([step(39, 213), step(65, 872), step(52, 300)]) == 58


def test_a_failing_halfway_step_moves_the_upper_bound_down():
    assert halfway([step(39, 213), step(65, 872), step(52, 600)]) == 45


def test_no_step_when_nothing_failed_above_the_busiest_pass_or_no_users_lie_between():
    assert halfway([step(10, 100)]) is None
    assert halfway([step(10, 100), step(11, 900)]) is None
    assert halfway([step(10, 900)]) is None


def test_a_step_with_a_failed_turn_does_not_pass():
    failed = step(30, 100)
    failed.errors["empty reply"] += 1
    assert halfway([step(20, 100), failed]) == 25


def test_slow_turns_are_counted_by_their_place_in_the_script():
    sample = Sample(users=3, seconds=10, latencies=[40, 620, 510, 90, 700], places=[0, 8, 8, 9, 3])
    assert sample.slow_places(500) == {8: 2, 3: 1}


def test_the_closed_loops_alternate_in_pairs_so_that_neither_bot_always_goes_first():
    assert order(4) == [0, 1, 1, 0, 0, 1, 1, 0]
