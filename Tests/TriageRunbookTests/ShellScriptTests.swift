import Testing
import TriageCore

/// `ShellScript` splits runbook shell text into simple commands the way a shell would read it.
@Suite struct ShellScriptTests {
    func words(_ text: String) -> [[String]] {
        ShellScript(text).commands.map { $0.words.map(\.text) }
    }

    @Test func quotesAndEscapes() {
        #expect(words("echo 'a b' \"c d\" e\\ f") == [["echo", "a b", "c d", "e f"]])
        #expect(words("echo \"say \\\"hi\\\" \\$HOME\" 'it''s'") == [["echo", "say \"hi\" $HOME", "its"]])
        #expect(words("printf $'a\\tb'") == [["printf", "a\\tb"]])
        let script = ShellScript("rm 'x' y")
        #expect(script.commands.first?.words.map(\.quoted) == [false, true, false])
        // An unterminated quote runs to the end of the text.
        #expect(words("echo 'never closed; rm -rf /") == [["echo", "never closed; rm -rf /"]])
    }

    @Test func separatorsPipelinesAndSubshells() {
        #expect(words("a; b && c || d & e") == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(words("(cd /srv && make) | tee log") == [["cd", "/srv"], ["make"], ["tee", "log"]])
        let piped = ShellScript("curl -s x | sudo sh")
        #expect(piped.commands.count == 2)
        #expect(piped.commands[1].pipedFrom == 0)
        #expect(ShellScript("a || b").commands[1].pipedFrom == nil)
        #expect(ShellScript("a |& b").commands[1].pipedFrom == 0)
    }

    @Test func commentsAndLineContinuations() {
        #expect(words("# all comment\nls # trailing\necho a#b") == [["ls"], ["echo", "a#b"]])
        #expect(words("docker run \\\n  --rm \\\n  alpine") == [["docker", "run", "--rm", "alpine"]])
        #expect(words("echo \"one \\\ntwo\"") == [["echo", "one two"]])
    }

    @Test func commandSubstitutionsAndBackticksAreParsedToo() {
        let script = ShellScript("echo \"$(kubectl get pods | grep web)\" `date -u` <(sort a)")
        #expect(script.commands.map { $0.words.first?.text } == ["kubectl", "grep", "date", "sort", "echo"])
        #expect(script.commands[1].pipedFrom == 0)
        #expect(script.commands.last?.words.count == 4)
        // Nested, and an arithmetic expansion is not a command.
        #expect(words("a $(b $(c)) $((1 + 2))").map(\.first) == ["c", "b", "a"])
        // Unclosed ones run to the end and do not crash.
        #expect(words("echo $(rm -rf /").first == ["rm", "-rf", "/"])
    }

    @Test func redirections() {
        let command = ShellScript("cmd 2>&1 >out <in >>log &>all 3<>rw").commands[0]
        #expect(command.words.map(\.text) == ["cmd"])
        #expect(command.redirections.map(\.op) == [">&", ">", "<", ">>", "&>", "<>"])
        #expect(command.redirections.map(\.target) == ["1", "out", "in", "log", "all", "rw"])
        #expect(command.redirections.map(\.descriptor) == [2, nil, nil, nil, nil, 3])
        let empties = ShellScript(": > db").commands[0]
        #expect(empties.redirections.map(\.op) == [">"])
        #expect(empties.redirections.map(\.target) == ["db"])
    }

    @Test func heredocsKeepTheirBodies() {
        let unquoted = ShellScript("psql app <<SQL\nDROP TABLE $T;\nSQL\necho done")
        #expect(unquoted.commands.map { $0.words.first?.text } == ["psql", "echo"])
        #expect(unquoted.commands[0].heredocs.first?.body == "DROP TABLE $T;\n")
        #expect(unquoted.commands[0].heredocs.first?.quotedDelimiter == false)
        #expect(unquoted.references == ["T"])

        let quoted = ShellScript("cat <<'EOF'\nrm -rf / $(reboot)\nEOF")
        #expect(quoted.commands.count == 1, "a quoted body runs nothing")
        #expect(quoted.commands[0].heredocs.first?.quotedDelimiter == true)
        #expect(quoted.references.isEmpty)

        let expanded = ShellScript("cat <<EOF\n$(reboot)\nEOF")
        #expect(expanded.commands.map { $0.words.first?.text } == ["cat", "reboot"], "an unquoted body runs its substitutions")

        let tabs = ShellScript("cat <<-END\n\t\tindented\n\tEND\necho after")
        #expect(tabs.commands[0].heredocs.first?.body == "indented\n")
        #expect(tabs.commands.last?.words.first?.text == "echo")

        // Two here-documents on one line, bodies in order; the piped command after the first.
        let two = ShellScript("cat <<A | psql <<B\na body\nA\nb body\nB")
        #expect(two.commands[0].heredocs.first?.body == "a body\n")
        #expect(two.commands[1].heredocs.first?.body == "b body\n")
        #expect(two.commands[1].pipedFrom == 0)

        // A here-string is data for the command.
        #expect(ShellScript("psql <<< 'SELECT 1'").commands[0].hereStrings == ["SELECT 1"])
        // A body that never ends runs to the end of the text.
        #expect(ShellScript("cat <<EOF\nno end").commands[0].heredocs.first?.body == "no end\n")
    }

    @Test func assignmentsAndReferences() {
        let script = ShellScript("A=1 B+=2 \"C=3\" cmd $D ${E} ${F:-x} '$G' \\$H")
        #expect(script.commands[0].words.map(\.assignment) == ["A", "B", nil, nil, nil, nil, nil, nil, nil])
        #expect(script.references == ["D", "E"])
        #expect(script.environmentReferences == ["D", "E"])
        #expect(ShellScript("for n in 1 2; do echo $n $M; done").environmentReferences == ["M"])
    }

    /// Any text parses, including every prefix of tricky scripts and unbalanced openers by the thousand.
    @Test func totalOnTruncatedAndHostileText() {
        let samples = [
            "a \"b $(c 'd' `e \\` f` <<G\n${h:-$(i)}\nG\n) j\" k <<'L'\nm\nL\n",
            "x=$((1+(2*3))) ; y=${z//\\}/q} && echo $'\\'' | cat <&3 2>&- >| f",
        ]
        for sample in samples {
            let scalars = Array(sample.unicodeScalars)
            for end in 0...scalars.count {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[0..<end])
                _ = ShellScript(text).environmentReferences
            }
        }
        for opener in ["$(", "`", "${", "\"", "'", "<<E\n", "$((", "<(", "\\"] {
            _ = ShellScript(String(repeating: opener, count: 3000))
        }
    }
}
