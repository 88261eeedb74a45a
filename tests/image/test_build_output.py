"""Reading BuildKit's plain progress output when a build fails (output recorded from Docker
Engine 20.10's BuildKit), and placing the failure on its Dockerfile line."""

from __future__ import annotations

from pathlib import Path

from dockwise.image.engine import BuildFailure, _buildkit_failure
from dockwise.image.sizing import _step_place
from dockwise.model import Model
from dockwise.syntax.parser import parse

OUTPUT = """\
#1 [internal] load build definition from Dockerfile
#1 sha256:b0b0841a75e8412b92054ffd3d141fa851b3b6316723f284f078490a8e41dc02
#1 transferring dockerfile: 113B done
#1 DONE 0.0s
#5 [a 2/3] RUN echo hi
#5 sha256:363e933a1bc7e3d6f91643aa3b09e3931647cc8d6791a6680a7559cd4d7db04a
#5 0.042 hi
#5 DONE 0.0s
#6 [a 3/3] RUN echo failing >&2 && false
#6 sha256:4fc51dfefdebba4723ea3ea85cb80f4cf0f260ccc67a6c0b7a778729d0ecdfb6
#6 0.044 failing
#6 ERROR: executor failed running [/bin/sh -c echo failing >&2 && false]: exit code: 1
------
 > [a 3/3] RUN echo failing >&2 && false:
------
executor failed running [/bin/sh -c echo failing >&2 && false]: exit code: 1""".splitlines()


def test_the_failing_vertex_is_the_detail_and_its_error_the_reason() -> None:
    failure = _buildkit_failure("a", OUTPUT, 1)
    assert failure.message == ("stage a failed to build: executor failed running "
                               "[/bin/sh -c echo failing >&2 && false]: exit code: 1")
    assert failure.detail.splitlines() == [
        "#6 [a 3/3] RUN echo failing >&2 && false", "#6 0.044 failing",
        "#6 ERROR: executor failed running [/bin/sh -c echo failing >&2 && false]: exit "
        "code: 1"]
    assert failure.stage_step == ("a", 3)


def test_output_without_an_error_line() -> None:
    failure = _buildkit_failure("a", ["something went wrong: error 42", "bye"], 17)
    assert failure.message == "stage a failed to build: something went wrong: error 42"
    assert failure.stage_step is None


def test_failures_are_placed_on_their_lines() -> None:
    model = Model(parse("ARG V=1\nFROM x AS a\nRUN one\nRUN two\nFROM a\nCOPY --from=a /x /y\n"))
    path = Path("Dockerfile")
    assert _step_place(model, path, BuildFailure("m", step=4)) == "Dockerfile:4: "
    assert _step_place(model, path, BuildFailure("m", stage_step=("a", 3))) == "Dockerfile:4: "
    assert _step_place(model, path, BuildFailure("m", stage_step=("a", 1))) == "Dockerfile:2: "
    assert _step_place(model, path, BuildFailure("m", stage_step=("stage-1", 2))) == \
        "Dockerfile:6: "
    assert _step_place(model, path, BuildFailure("m", stage_step=("zz", 2))) == "Dockerfile: "
    assert _step_place(model, path, BuildFailure("m", step=99)) == "Dockerfile: "
