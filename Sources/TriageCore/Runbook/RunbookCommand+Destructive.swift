extension RunbookCommand {
    /// Whether running `code` could take a service down or delete data, so it needs a typed "yes".
    ///
    /// Pure and total; see `DestructiveCommandClassifier` for what it reads and docs/RUNBOOKS.md for
    /// what counts. Commands it does not know are not destructive (they still ask y/n).
    public static func isDestructive(_ code: String) -> Bool { destructiveFinding(code) != nil }

    /// Why `code` is destructive ("destructive: kubectl delete", "destructive: rm -rf (inside sh -c)"),
    /// for the confirmation dialog, lint and its warnings; nil when `isDestructive(code)` is false.
    public static func destructiveReason(_ code: String) -> String? { destructiveFinding(code)?.reason }

    /// The first simple command in `code` that makes it destructive, and where it sits.
    public static func destructiveFinding(_ code: String) -> DestructiveFinding? {
        DestructiveCommandClassifier.finding(in: code)
    }

    /// The variables `code` expands that are unset or empty in `environment`, in first-use order.
    ///
    /// Variables the block sets itself (`X=1; echo $X`, `for x in …`, `read x`), shell-set ones
    /// (`$PWD`, `$RANDOM`) and special parameters (`$?`, `$1`, `$$`, `$@`) are not counted, nor are
    /// forms that handle an unset value themselves (`${X:-default}`).
    public static func unsetVariables(_ code: String, environment: [String: String]) -> [String] {
        ShellScript(code).environmentReferences.filter { environment[$0]?.isEmpty ?? true }
    }
}
