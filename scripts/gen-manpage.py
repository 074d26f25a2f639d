#!/usr/bin/env python3
"""Writes triage.1 from the argument parser's own definitions and the dashboard's key table.

    gen-manpage.py DUMP_HELP_JSON KEYS_TSV VERSION > triage.1

DUMP_HELP_JSON is `triage --experimental-dump-help`; KEYS_TSV is `triage keys` (scope, keys, what).
Nothing here restates an option or a key by hand, so the page follows the binary it ships with.
"""
import datetime
import json
import sys


def roff(text):
    """Escapes text for roff: backslashes, hyphens, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def synopsis_of(argument):
    names = argument.get("names") or []
    longest = sorted(names, key=lambda n: n["kind"] != "long")
    if argument["kind"] == "positional":
        label = f"<{argument.get('valueName', 'value')}>"
    else:
        name = longest[0]
        dash = "--" if name["kind"] in ("long", "longWithSingleDash") else "-"
        if name["kind"] == "longWithSingleDash":
            dash = "-"
        label = dash + name["name"]
        if argument["kind"] == "option":
            label += f" <{argument.get('valueName', 'value')}>"
    if argument.get("isRepeating"):
        label += " ..."
    return label


def flag_names(argument):
    if argument["kind"] == "positional":
        return f"<{argument.get('valueName', 'value')}>"
    parts = []
    for name in argument.get("names") or []:
        dash = "--" if name["kind"] == "long" else "-"
        text = dash + name["name"]
        if argument["kind"] == "option":
            text += f" <{argument.get('valueName', 'value')}>"
        parts.append(text)
    return ", ".join(parts)


HIDDEN_EVERYWHERE = {"help", "version"}


def command_section(out, command, path):
    args = [a for a in command.get("arguments") or [] if a.get("shouldDisplay", True)]
    shown = [a for a in args if not ({n["name"] for n in a.get("names") or []} & HIDDEN_EVERYWHERE) or not path[1:]]
    full = " ".join(path)
    out.append(f".SS {roff(full)}")
    if command.get("abstract"):
        out.append(roff(command["abstract"]))
    out.append(".PP")
    out.append(".B " + roff(full))
    synopsis = " ".join(("[" + synopsis_of(a) + "]") if a.get("isOptional") else synopsis_of(a) for a in shown)
    subs = [s for s in command.get("subcommands") or [] if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    if subs:
        synopsis = (synopsis + " " if synopsis else "") + "<subcommand>"
    if synopsis:
        out.append(roff(synopsis))
    if command.get("discussion"):
        out.append(".PP")
        out.append(roff(command["discussion"]))
    for a in shown:
        out.append(".TP")
        out.append(".B " + roff(flag_names(a)))
        out.append(roff(a.get("abstract") or ""))
    for sub in subs:
        command_section(out, sub, path + [sub["commandName"]])


def main():
    dump_path, keys_path, version = sys.argv[1:4]
    root = json.load(open(dump_path, encoding="utf-8"))["command"]
    keys = [line.split("\t") for line in open(keys_path, encoding="utf-8").read().splitlines() if line]
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    out = [
        f'.TH TRIAGE 1 "{date}" "triage {roff(version)}" "User Commands"',
        ".SH NAME",
        "triage \\- " + roff(root.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B triage",
        "[<subcommand>] [<options>]",
        ".SH DESCRIPTION",
        roff(root.get("discussion", "")),
        ".SH OPTIONS",
    ]
    for a in [a for a in root.get("arguments") or [] if a.get("shouldDisplay", True)]:
        out.append(".TP")
        out.append(".B " + roff(flag_names(a)))
        out.append(roff(a.get("abstract") or ""))
    out.append(".SH COMMANDS")
    for sub in root.get("subcommands") or []:
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            command_section(out, sub, ["triage", sub["commandName"]])
    out.append(".SH KEYS")
    out.append("Press ? in the dashboard for the same table.")
    out.append(".PD 0")
    scope = None
    for row in keys:
        if len(row) != 3:
            sys.exit(f"gen-manpage.py: a key line has {len(row)} fields, not 3: {row!r}")
        if row[0] != scope:
            scope = row[0]
            out.append(".SS " + roff(scope))
        out.append(".TP 18")
        out.append(".B " + roff(row[1]))
        out.append(roff(row[2]))
    out += [
        ".PD",
        ".SH FILES",
        ".TP",
        ".I ./triage.yaml, $XDG_CONFIG_HOME/triage/config.yaml",
        "the configuration",
        ".TP",
        ".I $TRIAGE_STATE, $XDG_STATE_HOME/triage",
        "the incident database",
        ".TP",
        ".I $XDG_CONFIG_HOME/triage/themes/NAME.yaml",
        "your own themes",
        ".SH ENVIRONMENT",
        "NO_COLOR disables colour; TERM names the terminal's terminfo entry.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
