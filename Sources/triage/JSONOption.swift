import ArgumentParser

/// `--json`: the command's document as JSON, with a top-level `schemaVersion` (docs/JSON.md).
struct JSONOption: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print JSON (keys in docs/JSON.md) instead of text.")
    var isOn = false
}
