from actions.answer_lines import lines_first


def test_the_chosen_lines_come_first_and_the_rest_keeps_its_order() -> None:
    answer = "Een.\nTwee over RTH.\nDrie.\nVier over RTH."
    assert lines_first(answer, lambda line: "RTH" in line) == (
        "Twee over RTH.\nVier over RTH.\nEen.\nDrie."
    )


def test_an_answer_without_a_chosen_line_stays_as_it_is() -> None:
    answer = "Een.\nTwee."
    assert lines_first(answer, lambda line: "RTH" in line) == answer
