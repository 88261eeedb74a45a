"""Variable expansion and quote removal as BuildKit's shell lexer does, plus unknown values."""

from __future__ import annotations

import pytest

from dockwise.syntax.variables import (
    VarStatus,
    expand,
    lex_words,
    mapping_lookup,
    referenced_names,
    unquote,
)

ENV = mapping_lookup({"A": "apple", "E": "", "U": None, "P": "/usr/local/bin:/usr/bin"})


@pytest.mark.parametrize(("word", "text"), [
    ("$A", "apple"),
    ("${A}", "apple"),
    ("x${A}y", "xappley"),
    ("${A:-word}", "apple"),
    ("${E:-word}", "word"),
    ("${E-word}", ""),
    ("${MISSING-word}", "word"),
    ("${A:+yes}", "yes"),
    ("${E:+yes}", ""),
    ("${E+yes}", "yes"),
    ("${MISSING+yes}", ""),
    ("${P#*/}", "usr/local/bin:/usr/bin"),
    ("${P##*/}", "bin"),
    ("${P%:*}", "/usr/local/bin"),
    ("${P%%:*}", "/usr/local/bin"),
    ("${A/p/P}", "aPple"),
    ("${A//p/P}", "aPPle"),
    ("$MISSING", ""),
    ("$", "$"),
    ("a$", "a$"),
    ("$1x", "x"),
])
def test_expansions(word: str, text: str) -> None:
    result = expand(word, ENV)
    assert result.text == text
    assert result.known


@pytest.mark.parametrize(("word", "text"), [
    ("'$A'", "$A"),
    ('"$A b"', "apple b"),
    ('"a\\"b"', 'a"b'),
    ('"a\\xb"', "a\\xb"),
    ("a\\ b", "a b"),
    ("\\$A", "$A"),
    ('"\\$A"', "$A"),
    ("'a'\"b\"c", "abc"),
])
def test_quotes_and_escapes(word: str, text: str) -> None:
    assert expand(word, ENV).text == text


def test_backtick_escape_character() -> None:
    assert expand("a`$A", ENV, escape="`").text == "a$A"
    assert expand("C:\\path", ENV, escape="`").text == "C:\\path"


@pytest.mark.parametrize("word", ["$U", "${U}", "x${U:-d}", "${U#p}", "${U/a/b}"])
def test_unknown_values_stay_symbolic(word: str) -> None:
    result = expand(word, ENV)
    assert not result.known
    assert result.unknown == frozenset({"U"})
    assert result.text == word


def test_mixed_known_and_unknown() -> None:
    result = expand("curl=${CURL_VERSION} $A", mapping_lookup({"A": "1", "CURL_VERSION": None}))
    assert result.text == "curl=${CURL_VERSION} 1"
    assert not result.known
    assert result.words == ("curl=${CURL_VERSION}", "1")


def test_unset_variables_are_recorded() -> None:
    result = expand("$MISSING ${OTHER:-x}", ENV)
    assert result.unset == frozenset({"MISSING", "OTHER"})
    assert result.known


def test_missing_names_can_be_unknown_instead_of_unset() -> None:
    lookup = mapping_lookup({}, missing=VarStatus.UNKNOWN)
    assert not expand("$PATH", lookup).known


@pytest.mark.parametrize(("word", "error"), [
    ("${A", "syntax error: missing '}'"),
    ("${}", "syntax error: bad substitution"),
    ("${A:x}", "unsupported modifier (:x) in substitution"),
    ("'open", "unexpected end of statement while looking for matching single-quote"),
    ('"open', "unexpected end of statement while looking for matching double-quote"),
    ("${MISSING?must be set}", "MISSING: must be set"),
])
def test_errors_do_not_raise(word: str, error: str) -> None:
    result = expand(word, ENV)
    assert result.error == error
    assert not result.known
    assert result.text == word


def test_unquote_keeps_variables() -> None:
    assert unquote('"$HOME/a b"') == "$HOME/a b"
    assert unquote("'x") == "'x"


def test_lex_words_offsets_and_raw_quotes() -> None:
    words = lex_words('RUN cat <<"EOF" a\\ b')
    assert words is not None
    assert [(w.text, w.start, w.end) for w in words] == [
        ("RUN", 0, 3), ("cat", 4, 7), ('<<"EOF"', 8, 15), ("a\\ b", 16, 20)]
    assert lex_words("echo 'unterminated") is None


def test_referenced_names() -> None:
    assert referenced_names("${A}-$B_1 ${C:-x} $$ $1") == ["A", "B_1", "C"]


def test_nesting_up_to_the_limit_expands() -> None:
    from dockwise.syntax.variables import MAX_NESTING

    word = "${X:-" * MAX_NESTING + "v" + "}" * MAX_NESTING
    result = expand(word, ENV)
    assert (result.text, result.known, result.error) == ("v", True, None)


def test_nesting_beyond_the_limit_is_an_error_not_a_crash() -> None:
    from dockwise.syntax.variables import MAX_NESTING

    for depth in (MAX_NESTING + 1, 5000):
        word = "${X:-" * depth + "v" + "}" * depth
        result = expand(word, ENV)
        assert (result.text, result.known) == (word, False)
        assert result.error == "substitutions nested more than 100 deep"
        assert unquote(word) == word
        assert lex_words(word) is None


def test_find_references_matches_braces_in_one_pass() -> None:
    from dockwise.syntax.variables import find_references

    assert find_references("${A ${B}") == [("A", 0, 8), ("B", 4, 8)]
    assert find_references("{ ${A:-{x}} }") == [("A", 2, 11)]
    word = "${a" * 60_000  # unclosed: each reference runs to the end
    refs = find_references(word)
    assert len(refs) == 60_000
    assert refs[0] == ("a", 0, 180_000) and refs[-1] == ("a", 179_997, 180_000)


def test_an_expansion_longer_than_64_kib_is_unknown() -> None:
    from dockwise.syntax.variables import MAX_EXPANSION

    lookup = mapping_lookup({"H": "x" * (MAX_EXPANSION // 2)})
    assert expand("$H$H", lookup).text == "x" * MAX_EXPANSION
    result = expand("$H$H$H", lookup)
    assert (result.text, result.known) == ("$H$H$H", False)
    assert result.error == "expands to more than 65,536 characters"


def test_name_suggester_spends_a_budget() -> None:
    from dockwise.syntax.variables import NameSuggester

    suggest = NameSuggester(budget=5)
    assert suggest("FOO", ["FO0", "BAR"]) == "FO0"
    assert suggest("BAR", ["BAZ", "QUX", "BAX"]) == "BAZ"
    assert suggest.left == 0
    assert suggest("FOO", ["FO0"]) is None
