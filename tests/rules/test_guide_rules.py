"""The guide's rules (DW1xx, DW301) and the meta rules (DL1000, DW901), with exact positions."""

from __future__ import annotations

from pathlib import Path

from conftest import codes, lint, spans

GOOD_BUILD = 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app .\n'


# -- DW101 toolchain-in-final-image ------------------------------------------------------------

def test_dw101_golang_final_image_through_args_and_parents() -> None:
    text = "ARG IMG=mirror.gcr.io/golang\nFROM ${IMG}:1.22 AS base\nFROM base\nCMD [\"x\"]\n"
    assert spans(text, "DW101") == [(2, 6, 2, 17)]


def test_dw101_not_for_builder_stage() -> None:
    text = "FROM golang:1.22 AS b\n" + GOOD_BUILD + "FROM scratch\nCOPY --from=b /app /app\n"
    assert codes(text, "DW101") == []


# -- DW102 single-stage-go-build ----------------------------------------------------------------

def test_dw102_go_build_and_install_in_final_stage() -> None:
    text = "FROM golang:1.22-alpine\nRUN go build -o /a . && \\\n    go install ./cmd/x\n"
    assert spans(text, "DW102") == [(2, 5, 2, 13), (3, 5, 3, 15)]


def test_dw102_not_in_builder() -> None:
    text = "FROM golang:1.22 AS b\n" + GOOD_BUILD + "FROM alpine:3.20\nCOPY --from=b /app /\n"
    assert codes(text, "DW102") == []


# -- DW103 cgo-not-disabled ---------------------------------------------------------------------

def _cgo(builder: str, runtime: str, build: str, extra: str = "") -> list[tuple[int, int]]:
    text = f"FROM {builder} AS b\n{extra}{build}\nFROM {runtime}\nCOPY --from=b /app /app\n"
    return codes(text, "DW103")


def test_dw103_scratch_without_cgo_disabled() -> None:
    assert _cgo("golang:1.22-alpine", "scratch", "RUN go build -o /app .") == [(2, 5)]


def test_dw103_ways_to_disable_cgo() -> None:
    assert _cgo("golang:1.22", "scratch", "RUN CGO_ENABLED=0 go build -o /app .") == []
    assert _cgo("golang:1.22", "scratch", "RUN go build -o /app .", "ENV CGO_ENABLED=0\n") == []
    assert _cgo("golang:1.22", "scratch", "RUN go build -o /app .", "ARG CGO_ENABLED=0\n") == []
    assert _cgo("golang:1.22", "scratch",
                "RUN export CGO_ENABLED=0 && go build -o /app .") == []
    assert _cgo("golang:1.22", "scratch",
                "RUN go build -ldflags '-extldflags \"-static\"' -o /app .") == []


def test_dw103_explicit_cgo_is_an_error() -> None:
    findings = [f for f in lint("FROM golang:1.22 AS b\nRUN CGO_ENABLED=1 go build -o /app .\n"
                                "FROM scratch\nCOPY --from=b /app /app\n")
                if f.rule_id == "DW103"]
    assert [(f.line, f.severity.label) for f in findings] == [(2, "error")]


def test_dw103_alpine_runtime_depends_on_builder_libc() -> None:
    assert _cgo("golang:1.22", "alpine:3.20", "RUN go build -o /app .") == [(2, 5)]
    assert _cgo("golang:1.22-alpine", "alpine:3.20", "RUN go build -o /app .") == []
    assert _cgo("golang:1.22", "debian:12-slim", "RUN go build -o /app .") == []
    assert _cgo("golang:1.22", "gcr.io/distroless/static-debian12:nonroot",
                "RUN go build -o /app .") == [(2, 5)]


def test_dw103_export_in_a_subshell_does_not_count() -> None:
    assert _cgo("golang:1.22", "scratch",
                "RUN (export CGO_ENABLED=0) && go build -o /app .") == [(2, 31)]


# -- DW104 final-base-not-minimal ---------------------------------------------------------------

def test_dw104_full_runtime_base() -> None:
    text = "FROM golang:1.22 AS b\n" + GOOD_BUILD + "FROM ubuntu:24.04\nCOPY --from=b /app /\n"
    assert spans(text, "DW104") == [(3, 6, 3, 18)]


def test_dw104_minimal_bases_and_single_stage() -> None:
    for base in ("scratch", "alpine:3.20", "busybox:1.36", "debian:12-slim",
                 "gcr.io/distroless/base-debian12", "cgr.dev/chainguard/static"):
        text = "FROM golang:1.22 AS b\n" + GOOD_BUILD + f"FROM {base}\nCOPY --from=b /app /\n"
        assert codes(text, "DW104") == [], base
    assert codes("FROM ubuntu:24.04\nRUN true\n", "DW104") == []


# -- DW105 final-stage-runs-as-root -------------------------------------------------------------

def test_dw105_no_user_and_root_user() -> None:
    assert spans("FROM alpine:3.20\nCMD [\"x\"]\n", "DW105") == [(1, 6, 1, 17)]
    # an explicit root USER is reported once, as hadolint's DL3002 (its pragmas keep working)
    text = "FROM alpine:3.20\nUSER 1000\nUSER 0:0\n"
    assert [(f.rule_id, f.line, f.column) for f in lint(text)
            if f.rule_id in ("DW105", "DL3002")] == [("DL3002", 3, 6)]
    assert codes("# hadolint ignore=DL3002\nFROM alpine:3.20\n# hadolint ignore=DL3002\n"
                 "USER root\n", "DW105") == []


def test_dw105_non_root_user_inherited_from_parent_stage() -> None:
    assert codes("FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD [\"x\"]\n", "DW105") == []


def test_dw105_bases_that_default_to_non_root() -> None:
    for base in ("gcr.io/distroless/static-debian12:nonroot", "cgr.dev/chainguard/go"):
        assert codes(f"FROM {base}\n", "DW105") == [], base
    assert codes("ARG BASE\nFROM $BASE\n", "DW105") == []


# -- DW106 go-source-before-modules ---------------------------------------------------------------

def test_dw106_context_before_modules() -> None:
    text = "FROM golang:1.22 AS b\nWORKDIR /s\nCOPY . .\nRUN go mod download\n" + GOOD_BUILD
    assert spans(text, "DW106") == [(3, 6, 3, 7)]


def test_dw106_guide_order_and_exemptions() -> None:
    good = ("FROM golang:1.22 AS b\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
            + GOOD_BUILD)
    assert codes(good, "DW106") == []
    vendored = "FROM golang:1.22 AS b\nCOPY . .\nRUN go build -mod=vendor -o /app .\n"
    assert codes(vendored, "DW106") == []
    cached = ("FROM golang:1.22 AS b\nCOPY . .\n"
              "RUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n")
    assert codes(cached, "DW106") == []
    no_build = "FROM golang:1.22 AS b\nCOPY . .\nRUN ls\n"
    assert codes(no_build, "DW106") == []


def test_dw106_go_mod_copied_but_download_after_sources() -> None:
    text = ("FROM golang:1.22 AS b\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go mod download\n"
            + GOOD_BUILD)
    assert codes(text, "DW106") == [(3, 6)]


def test_dw106_vendor_directory_in_context(tmp_path: Path) -> None:
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "modules.txt").write_text("# example.com/dep v1.0.0\n")
    text = "FROM golang:1.22 AS b\nCOPY . .\nRUN go build -o /app .\n"
    assert codes(text, "DW106", context=tmp_path) == []


# -- DW107 go-sum-not-copied --------------------------------------------------------------------

def test_dw107_go_mod_without_go_sum() -> None:
    assert spans("FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\n", "DW107") == [
        (2, 6, 2, 12)]


def test_dw107_go_sum_forms() -> None:
    for copy in ("COPY go.mod go.sum ./", "COPY go.* ./", "COPY go.mod ./\nCOPY go.sum ./"):
        assert codes(f"FROM golang:1.22\n{copy}\nRUN go mod download\n", "DW107") == [], copy


def test_dw107_context_without_go_sum(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module x\n")
    text = "FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\n"
    assert codes(text, "DW107", context=tmp_path) == []
    (tmp_path / "go.sum").write_text("")
    assert codes(text, "DW107", context=tmp_path) == [(2, 6)]


# -- DW108 obsolete-go-build-flags --------------------------------------------------------------

def test_dw108_flags_exact_tokens() -> None:
    text = ("FROM golang:1.22\n"
            "RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o main .\n")
    assert spans(text, "DW108") == [(2, 39, 2, 41), (2, 42, 2, 60)]


def test_dw108_not_for_other_commands() -> None:
    assert codes("FROM alpine:3.20\nRUN ls -a\n", "DW108") == []


# -- DW109 go-build-not-trimmed -----------------------------------------------------------------

def test_dw109_messages_name_what_is_missing() -> None:
    text = ("FROM golang:1.22 AS b\nRUN go build -trimpath -o /a .\nRUN go build -ldflags='-s -w'"
            " -o /b .\n" + GOOD_BUILD + "FROM scratch\nCOPY --from=b /a /a\n")
    found = [(f.line, f.message.split(":")[0]) for f in lint(text) if f.rule_id == "DW109"]
    assert found == [(2, 'go build without -ldflags="-s -w"'),
                     (3, "go build without -trimpath")]


def test_dw109_goflags_and_unused_stage() -> None:
    goflags = ('FROM golang:1.22\nENV GOFLAGS="-trimpath -ldflags=-s -ldflags=-w"\n'
               "RUN go build -ldflags='-s -w' -o /a .\n")
    assert codes(goflags, "DW109") == []
    unused = "FROM golang:1.22 AS test\nRUN go build ./...\nFROM alpine:3.20\n"
    assert codes(unused, "DW109") == []


# -- DW110 shell-form-on-shellless-base --------------------------------------------------------

def test_dw110_shell_form_on_scratch_and_distroless() -> None:
    text = "FROM scratch\nCOPY app /app\nHEALTHCHECK CMD /app -check\nCMD /app\n"
    assert spans(text, "DW110") == [(3, 17, 3, 28), (4, 5, 4, 9)]
    text = "FROM gcr.io/distroless/static\nENTRYPOINT /app\n"
    assert codes(text, "DW110") == [(2, 12)]


def test_dw110_debug_tags_and_exec_form() -> None:
    assert codes("FROM gcr.io/distroless/base:debug\nCMD /app\n", "DW110") == []
    assert codes('FROM scratch\nCMD ["/app"]\nHEALTHCHECK NONE\n', "DW110") == []


# -- DW111 missing-ca-certificates --------------------------------------------------------------

def test_dw111_scratch_without_certificates() -> None:
    text = "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\n"
    assert spans(text, "DW111") == [(2, 6, 2, 13)]


def test_dw111_certificates_copied_or_not_scratch() -> None:
    text = ("FROM golang:1.22 AS b\nFROM scratch\n"
            "COPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n")
    assert codes(text, "DW111") == []
    assert codes("FROM alpine:3.20\n", "DW111") == []


# -- DW301 dockerignore-missing -----------------------------------------------------------------

def test_dw301_prefers_the_copy_that_lands_in_the_image(tmp_path: Path) -> None:
    text = ("FROM golang:1.22 AS build\nCOPY . .\nFROM alpine:3.20\nCOPY . /ctx/\n"
            "COPY --from=build /app /app\n")
    found = [f for f in lint(text, context=tmp_path) if f.rule_id == "DW301"]
    assert [(f.line, f.column) for f in found] == [(4, 6)]
    assert found[0].message.endswith("end up in the image")
    builder_only = "FROM golang:1.22 AS build\nCOPY . .\nFROM scratch\nCOPY --from=build /a /a\n"
    (only,) = [f for f in lint(builder_only, context=tmp_path) if f.rule_id == "DW301"]
    assert (only.line, only.column) == (2, 6) and "this build stage" in only.message


def test_dw301_needs_a_context_on_disk(tmp_path: Path) -> None:
    text = "FROM alpine:3.20\nCOPY . /app\nCOPY . /other\n"
    assert codes(text, "DW301") == []  # no context: linting text from nowhere
    assert spans(text, "DW301", context=tmp_path) == [(2, 6, 2, 7)]
    (tmp_path / ".dockerignore").write_text(".git\n")
    assert codes(text, "DW301", context=tmp_path) == []


# -- DL1000 syntax-error and DW901 unknown-rule-in-pragma ---------------------------------------

def test_dl1000_every_error_and_rules_still_run() -> None:
    text = "FROM alpine:latest\nRUNN x\nENV A\nFROM alpine:latest\n"
    found = [(f.rule_id, f.line, f.column) for f in lint(text)
             if f.rule_id in ("DL1000", "DL3007")]
    assert found == [("DL3007", 1, 13), ("DL1000", 2, 1), ("DL1000", 3, 5), ("DL3007", 4, 13)]


def test_dw901_unknown_ids_reported_known_ones_still_apply() -> None:
    text = "FROM alpine:latest\n# hadolint ignore=DL3007,DL9999, nope\nFROM alpine:latest\n"
    found = [(f.rule_id, f.line, f.column, f.end_column) for f in lint(text)
             if f.rule_id in ("DW901", "DL3007")]
    assert found == [("DL3007", 1, 13, 19), ("DW901", 2, 26, 32), ("DW901", 2, 34, 38)]
