/// The verb table: for the tools ops people run during an outage, which subcommands and flags take
/// something down, throw data away or change live state. Tools not named here are not destructive
/// by this table (they still ask y/n before running).
enum DestructiveVerbs {
    /// One tool with subcommands.
    struct Tool: Sendable {
        /// Options that take the next word as their value, so it is not a subcommand (`-n prod`).
        var valueOptions: Set<String> = []
        /// Subcommand paths that are destructive on their own: `["rollout", "restart"]`, longest
        /// first (sorted once here, where sorting them for every command was a few percent of
        /// parsing a large runbook).
        var verbs: [[String]]
        /// Subcommand paths (possibly empty: the tool itself) that are destructive with one of the flags.
        var flagVerbs: [(path: [String], flags: Set<String>)]

        init(valueOptions: Set<String> = [], verbs: [[String]] = [], flagVerbs: [(path: [String], flags: Set<String>)] = []) {
            self.valueOptions = valueOptions
            self.verbs = verbs.sorted { $0.count > $1.count }
            self.flagVerbs = flagVerbs
        }
    }

    static let kubectlValueOptions: Set<String> = [
        "-n", "--namespace", "--context", "--cluster", "--user", "-s", "--server", "--kubeconfig", "--token", "--as",
        "--as-group", "-l", "--selector", "-o", "--output", "-f", "--filename", "-c", "--container", "--field-selector",
        "--type", "-p", "--patch", "--replicas", "--timeout", "--grace-period", "--sort-by", "-L", "--template", "-k",
        "--kustomize", "--request-timeout", "--certificate-authority", "--client-certificate", "--client-key",
        "--to-revision", "--pod-running-timeout", "--image", "-i", "--patch-file",
    ]

    static let dockerValueOptions: Set<String> = [
        "-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "-f", "--file", "-p", "--project-name",
        "--profile", "--env-file", "--project-directory", "--filter", "-t", "--time", "--timeout", "-s", "--signal",
        "--format", "--tlscacert", "--tlscert", "--tlskey", "--url", "--connection", "--identity", "--root", "--runroot",
    ]

    static let tools: [String: Tool] = [
        "kubectl": Tool(
            valueOptions: kubectlValueOptions,
            verbs: [["delete"], ["drain"], ["cordon"], ["taint"], ["patch"], ["replace"], ["apply"], ["edit"], ["scale"],
                    ["rollout", "restart"], ["rollout", "undo"], ["rollout", "pause"], ["set", "env"], ["set", "image"],
                    ["set", "resources"], ["set", "selector"], ["set", "serviceaccount"], ["set", "subject"], ["set"]]),
        "helm": Tool(
            valueOptions: ["-n", "--namespace", "--kube-context", "--kubeconfig", "-f", "--values", "--set", "--version",
                           "--timeout", "-o", "--output", "--repo"],
            verbs: [["uninstall"], ["delete"], ["del"], ["un"], ["rollback"], ["upgrade"]]),
        "terraform": Tool(
            valueOptions: ["-chdir", "-var", "-var-file", "-target", "-state", "-lock-timeout", "-parallelism"],
            verbs: [["destroy"], ["apply"], ["state", "rm"], ["state", "mv"], ["state", "push"], ["state", "replace-provider"],
                    ["taint"], ["force-unlock"], ["workspace", "delete"], ["import"]]),
        "pulumi": Tool(valueOptions: ["-s", "--stack", "-C", "--cwd"], verbs: [["destroy"], ["up"], ["stack", "rm"], ["state", "delete"]]),
        "docker": Tool(
            valueOptions: dockerValueOptions,
            verbs: [["rm"], ["rmi"], ["kill"], ["stop"], ["restart"], ["pause"], ["system", "prune"],
                    ["container", "rm"], ["container", "kill"], ["container", "stop"], ["container", "restart"],
                    ["container", "prune"], ["container", "pause"], ["image", "rm"], ["image", "prune"], ["volume", "rm"],
                    ["volume", "prune"], ["network", "rm"], ["network", "prune"], ["network", "disconnect"],
                    ["builder", "prune"], ["buildx", "prune"], ["service", "rm"], ["service", "scale"], ["service", "update"],
                    ["service", "rollback"], ["stack", "rm"], ["stack", "down"], ["swarm", "leave"], ["node", "rm"],
                    ["node", "demote"], ["node", "update"], ["secret", "rm"], ["config", "rm"], ["plugin", "rm"],
                    ["compose", "down"], ["compose", "stop"], ["compose", "restart"], ["compose", "rm"], ["compose", "kill"],
                    ["compose", "pause"], ["pod", "rm"], ["pod", "stop"], ["pod", "kill"], ["pod", "restart"], ["pod", "prune"]]),
        "systemctl": Tool(
            valueOptions: ["-H", "--host", "-M", "--machine", "-t", "--type", "-s", "--signal", "-p", "--property", "--state",
                           "-o", "--output", "-n", "--lines", "--root", "--kill-whom"],
            verbs: [["stop"], ["restart"], ["kill"], ["disable"], ["mask"], ["reboot"], ["poweroff"], ["halt"], ["isolate"],
                    ["try-restart"], ["reload-or-restart"], ["try-reload-or-restart"], ["condrestart"], ["force-reload"],
                    ["emergency"], ["rescue"], ["kexec"], ["suspend"], ["hibernate"], ["soft-reboot"], ["clean"]]),
        "git": Tool(
            valueOptions: ["-C", "-c", "--git-dir", "--work-tree", "--namespace"],
            verbs: [["stash", "drop"], ["stash", "clear"], ["filter-branch"], ["filter-repo"]],
            flagVerbs: [(["push"], ["--force", "-f", "--force-with-lease", "--force-if-includes", "--mirror", "--delete", "-d", "--prune"]),
                        (["reset"], ["--hard", "--merge", "--keep"]), (["clean"], ["-f", "--force"]), (["branch"], ["-D"]),
                        (["tag"], ["-d", "--delete"]), (["checkout"], ["-f", "--force"]), (["update-ref"], ["-d"])]),
        "apt": Tool(verbs: [["remove"], ["purge"], ["autoremove"], ["upgrade"], ["dist-upgrade"], ["full-upgrade"]]),
        "yum": Tool(verbs: [["remove"], ["erase"], ["autoremove"], ["upgrade"], ["update"], ["downgrade"], ["history", "undo"]]),
        "zypper": Tool(verbs: [["remove"], ["rm"], ["update"], ["up"], ["dist-upgrade"], ["dup"]]),
        "apk": Tool(verbs: [["del"], ["upgrade"]]),
        "pacman": Tool(flagVerbs: [([], ["-R", "-Rs", "-Rns", "-Rn", "-Rdd", "--remove", "-Syu", "-Su"])]),
        "snap": Tool(verbs: [["remove"], ["refresh"], ["disable"], ["stop"], ["restart"]]),
        "brew": Tool(verbs: [["uninstall"], ["remove"], ["rm"], ["upgrade"], ["services", "stop"], ["services", "restart"]]),
        "pip": Tool(verbs: [["uninstall"]]),
        "gem": Tool(verbs: [["uninstall"]]),
        "npm": Tool(verbs: [["uninstall"], ["remove"], ["rm"], ["un"], ["unpublish"], ["deprecate"]]),
        "flatpak": Tool(verbs: [["uninstall"], ["remove"]]),
        "dpkg": Tool(flagVerbs: [([], ["-r", "--remove", "-P", "--purge"])]),
        "rpm": Tool(flagVerbs: [([], ["-e", "--erase"])]),
        "supervisorctl": Tool(valueOptions: ["-c", "-s", "-u", "-p"], verbs: [["stop"], ["restart"], ["remove"], ["shutdown"], ["signal"]]),
        "pm2": Tool(verbs: [["stop"], ["restart"], ["delete"], ["del"], ["kill"], ["reload"], ["flush"]]),
        "launchctl": Tool(verbs: [["unload"], ["bootout"], ["stop"], ["kill"], ["remove"], ["disable"]]),
        "sv": Tool(verbs: [["down"], ["stop"], ["restart"], ["kill"], ["force-stop"], ["force-restart"], ["exit"], ["term"]]),
        "pg_ctl": Tool(valueOptions: ["-D", "--pgdata", "-m", "--mode", "-l", "--log", "-o", "-t"],
                       verbs: [["stop"], ["restart"], ["kill"], ["promote"]]),
        "mysqladmin": Tool(valueOptions: ["-u", "--user", "-h", "--host", "-P", "--port", "-S", "--socket"],
                           verbs: [["shutdown"], ["drop"], ["kill"], ["flush-hosts"], ["flush-logs"], ["flush-tables"], ["flush-privileges"], ["refresh"]]),
        "etcdctl": Tool(valueOptions: ["--endpoints", "--cacert", "--cert", "--key", "-w", "--write-out", "--user"],
                        verbs: [["del"], ["compact"], ["defrag"], ["member", "remove"], ["snapshot", "restore"], ["lease", "revoke"],
                                ["alarm", "disarm"], ["auth", "disable"], ["user", "delete"], ["role", "delete"]]),
        "consul": Tool(verbs: [["leave"], ["kv", "delete"], ["force-leave"], ["services", "deregister"], ["snapshot", "restore"]]),
        "vault": Tool(verbs: [["kv", "delete"], ["kv", "destroy"], ["kv", "metadata", "delete"], ["delete"], ["secrets", "disable"],
                              ["auth", "disable"], ["lease", "revoke"], ["token", "revoke"], ["operator", "seal"], ["policy", "delete"]]),
        "nomad": Tool(valueOptions: ["-address", "-namespace", "-region"],
                      verbs: [["job", "stop"], ["stop"], ["job", "revert"], ["node", "drain"], ["alloc", "stop"], ["alloc", "restart"],
                              ["system", "gc"], ["deployment", "fail"]]),
        "nft": Tool(flagVerbs: [([], ["-f", "--file"])]),
        "ufw": Tool(verbs: [["disable"], ["reset"], ["deny"], ["reject"], ["delete"], ["enable"], ["limit"]]),
        "ipset": Tool(verbs: [["flush"], ["destroy"], ["del"], ["x"]]),
        "zfs": Tool(verbs: [["destroy"], ["rollback"], ["unmount"], ["umount"]]),
        "zpool": Tool(verbs: [["destroy"], ["labelclear"], ["offline"], ["export"], ["detach"], ["remove"], ["clear"]]),
        "btrfs": Tool(verbs: [["subvolume", "delete"], ["device", "remove"], ["balance"]]),
        "nmcli": Tool(verbs: [["connection", "down"], ["con", "down"], ["c", "down"], ["connection", "delete"], ["con", "delete"],
                              ["device", "disconnect"], ["dev", "disconnect"], ["d", "disconnect"], ["networking", "off"], ["radio", "all", "off"]]),
        "crontab": Tool(flagVerbs: [([], ["-r", "-ir", "-ri"])]),
        "pg_restore": Tool(flagVerbs: [([], ["-c", "--clean"])]),
        "mongorestore": Tool(flagVerbs: [([], ["--drop"])]),
        "mysqlimport": Tool(flagVerbs: [([], ["-d", "--delete", "-r", "--replace"])]),
        "rsync": Tool(flagVerbs: [([], ["--delete", "--delete-before", "--delete-during", "--delete-after", "--delete-excluded",
                                         "--remove-source-files", "--del"])]),
        "journalctl": Tool(flagVerbs: [([], ["--vacuum-time", "--vacuum-size", "--vacuum-files"])]),
        "mdadm": Tool(flagVerbs: [([], ["--stop", "-S", "--remove", "-r", "--fail", "-f", "--zero-superblock"])]),
        "cryptsetup": Tool(verbs: [["erase"], ["luksErase"], ["close"], ["luksClose"], ["remove"], ["luksKillSlot"], ["luksFormat"]]),
        "apachectl": Tool(verbs: [["stop"], ["restart"], ["graceful-stop"], ["graceful"]]),
        "minikube": Tool(verbs: [["delete"], ["stop"]]),
        "kind": Tool(verbs: [["delete"]]),
        "k3d": Tool(verbs: [["cluster", "delete"], ["cluster", "stop"], ["node", "delete"]]),
        "eksctl": Tool(verbs: [["delete"], ["drain"], ["scale"], ["upgrade"]]),
        "s3cmd": Tool(verbs: [["del"], ["rm"], ["rb"], ["sync"]]),
        "mc": Tool(verbs: [["rm"], ["rb"], ["mirror"]]),
        "gsutil": Tool(verbs: [["rm"], ["rb"]]),
        "prisma": Tool(verbs: [["migrate", "reset"], ["db", "push"]]),
        "cdk": Tool(verbs: [["destroy"], ["deploy"]]),
    ]

    /// Spellings of the same tool.
    static let aliases: [String: String] = [
        "oc": "kubectl", "kubectl.exe": "kubectl", "microk8s.kubectl": "kubectl", "podman": "docker", "nerdctl": "docker",
        "docker-compose": "docker compose", "podman-compose": "docker compose", "tofu": "terraform", "terragrunt": "terraform",
        "helm3": "helm", "apt-get": "apt", "aptitude": "apt", "dnf": "yum", "microdnf": "yum", "pip3": "pip",
        "pipx": "pip", "yarn": "npm", "pnpm": "npm", "ip6tables": "iptables", "iptables-legacy": "iptables",
        "iptables-nft": "iptables", "apache2ctl": "apachectl", "flyctl": "fly",
    ]

    /// Commands that are destructive whatever their arguments.
    static let alwaysDestructive: Set<String> = [
        "rm", "rmdir", "shred", "unlink", "truncate", "wipefs", "mkswap", "blkdiscard", "dropdb", "dropuser", "userdel",
        "groupdel", "deluser", "delgroup", "reboot", "shutdown", "halt", "poweroff", "pkill", "killall", "umount",
        "swapoff", "sfdisk", "sgdisk", "gdisk", "ifdown", "iptables-restore", "ip6tables-restore", "atrm", "pg_dropcluster",
        "redis-shutdown", "lvremove", "vgremove", "pvremove", "lvreduce",
    ]

    /// Cloud and platform CLIs, whose destructive verbs may sit anywhere in a long subcommand path
    /// (`aws ec2 terminate-instances`, `gcloud compute instances delete`, `heroku pg:reset`).
    static let platformCLIs: Set<String> = [
        "aws", "gcloud", "az", "doctl", "heroku", "fly", "vercel", "netlify", "hcloud", "linode-cli", "openstack", "ibmcloud",
        "oci", "scw", "railway", "render", "gh", "glab", "kubeadm", "talosctl", "rancher", "argocd", "flux", "kops",
    ]

    /// Words in a platform CLI's subcommand path (or a script name) that mean taking down or deleting.
    static let platformVerbs: Set<String> = [
        "delete", "destroy", "remove", "rm", "rb", "stop", "restart", "reboot", "terminate", "reset", "rollback", "purge",
        "drain", "scale", "kill", "shutdown", "wipe", "truncate", "drop", "flush", "down", "undeploy", "uninstall",
        "revoke", "disable", "detach", "deregister", "evict", "failover", "promote", "restore", "fresh",
    ]

    /// Task runners whose task names say what they do (`rails db:drop`, `npm run migrate:down`).
    static let taskRunners: Set<String> = ["make", "rake", "rails", "just", "task", "invoke", "mix", "artisan", "manage.py", "npm"]

    /// The positional words of an argument list: options, and the values of `valueOptions`, removed.
    static func positionals(_ args: [String], valueOptions: Set<String>) -> [String] {
        var result: [String] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg == "--" {
                result += args[(index + 1)...]
                break
            }
            // `count > 1` and `contains("=")` as cheap checks: one character dropped, one byte
            // search (the set is asked first), where Foundation's search was most of this function.
            if arg.hasPrefix("-"), !arg.dropFirst().isEmpty {
                if valueOptions.contains(arg), !arg.utf8.contains(UInt8(ascii: "=")) { index += 1 }
            } else {
                result.append(arg)
            }
            index += 1
        }
        return result
    }

    /// Whether an argument list holds `flag`: exactly, as `--flag=value`, or (a one-letter short
    /// flag) inside a bundle such as `-fdx`.
    static func has(_ flag: String, in args: [String]) -> String? {
        for arg in args {
            if arg == "--" { break }
            if arg == flag || (flag.hasPrefix("--") && arg.hasPrefix(flag + "=")) { return arg }
            if flag.count == 2, flag.hasPrefix("-"), !flag.hasPrefix("--"), arg.hasPrefix("-"), !arg.hasPrefix("--"),
               arg.count > 2, arg.dropFirst().allSatisfy(\.isLetter), let letter = flag.last, arg.dropFirst().contains(letter) {
                return flag
            }
        }
        return nil
    }

    /// The label ("kubectl delete", "git push --force") when `name args` is destructive by the table.
    static func label(name: String, args: [String]) -> String? {
        let displayName = name
        var name = name
        var args = args
        if let alias = aliases[name] {
            let parts = alias.split(separator: " ").map(String.init)
            name = parts[0]
            args = Array(parts.dropFirst()) + args
        }
        if alwaysDestructive.contains(name) || name.hasPrefix("mkfs") { return name + rmFlags(name: name, args: args) }
        if let special = specialLabel(name: name, args: args) { return special }
        if platformCLIs.contains(name) {
            let subcommands = positionals(args, valueOptions: []).prefix(6)
                .filter { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == ":" } }
            for word in subcommands {
                let parts = word.lowercased().split(whereSeparator: { $0 == ":" || $0 == "-" }).map(String.init)
                if parts.contains(where: platformVerbs.contains) { return "\(name) \(word)" }
            }
            return nil
        }
        if taskRunners.contains(name) { return taskLabel(name: name, displayName: displayName, args: args) }
        guard let tool = tools[name] else { return nil }
        let words = positionals(args, valueOptions: tool.valueOptions)
        for verb in tool.verbs where words.starts(with: verb) {
            var label = ([name] + verb).joined(separator: " ")
            if name == "terraform", verb == ["apply"], let flag = has("-auto-approve", in: args) ?? has("--auto-approve", in: args) {
                label += " " + flag
            }
            return label
        }
        for (path, flags) in tool.flagVerbs where words.starts(with: path) {
            for flag in flags.sorted() {
                if let found = has(flag, in: args) { return ([name] + path + [found]).joined(separator: " ") }
            }
            // `git push origin +main` forces; `git push origin :old` deletes the remote branch.
            if name == "git", path == ["push"], let refspec = words.dropFirst(2).first(where: { $0.hasPrefix("+") || $0.hasPrefix(":") }) {
                return refspec.hasPrefix("+") ? "git push +refspec" : "git push :refspec"
            }
        }
        return nil
    }

    /// ` -rf`, ` -r` or ` -f` for `rm`, so the reason says how hard it deletes.
    private static func rmFlags(name: String, args: [String]) -> String {
        guard name == "rm" else { return "" }
        let recursive = has("-r", in: args) != nil || has("-R", in: args) != nil || has("--recursive", in: args) != nil
        let force = has("-f", in: args) != nil || has("--force", in: args) != nil
        return recursive && force ? " -rf" : recursive ? " -r" : force ? " -f" : ""
    }

    /// Tools whose arguments need reading, not just matching.
    private static func specialLabel(name: String, args: [String]) -> String? {
        switch name {
        case "kill":
            let signalOnly = args.contains { $0 == "-0" || $0 == "-l" || $0 == "-L" || $0 == "--list" || $0 == "-s0" }
            return signalOnly || args.isEmpty ? nil : "kill"
        case "dd":
            guard let target = args.first(where: { $0.hasPrefix("of=") }), target != "of=/dev/null" else { return nil }
            return "dd \(target)"
        case "chmod", "chown", "chgrp", "setfacl":
            if let flag = has("-R", in: args) ?? has("--recursive", in: args) { return "\(name) \(flag)" }
            let mode = args.first { !$0.hasPrefix("-") } ?? ""
            if name == "chmod", !mode.isEmpty, mode.allSatisfy({ $0 == "0" }) || mode.hasSuffix("-rwx") { return "chmod \(mode)" }
            return nil
        case "mv", "cp", "install", "ln":
            guard let destination = args.last(where: { !$0.hasPrefix("-") }), args.count >= 2,
                  destination == "/dev/null" || isBlockDevice(destination)
            else { return nil }
            return "\(name) to \(destination)"
        case "curl", "http", "https", "xh", "wget":
            for (position, arg) in args.enumerated() {
                let next = position + 1 < args.count ? args[position + 1].uppercased() : ""
                let upper = arg.uppercased()
                if ((arg == "-X" || arg == "--request") && (next == "DELETE" || next == "PURGE")) || upper == "-XDELETE"
                    || upper == "--REQUEST=DELETE" || upper == "--METHOD=DELETE" || ((name == "http" || name == "https" || name == "xh") && upper == "DELETE" && position == 0)
                {
                    return "\(name) DELETE"
                }
            }
            return nil
        case "iptables":
            for flag in ["-F", "--flush", "-X", "--delete-chain", "-D", "--delete", "-P", "--policy", "-A", "--append", "-I",
                         "--insert", "-R", "--replace"] where args.contains(flag) {
                return "iptables \(flag)"
            }
            return nil
        case "nft":
            if let verb = args.first(where: { !$0.hasPrefix("-") }),
               ["flush", "delete", "add", "insert", "replace", "destroy", "reset", "create"].contains(verb) {
                return "nft \(verb)"
            }
            return nil
        case "service", "rc-service", "initctl":
            let words = positionals(args, valueOptions: [])
            let verb = name == "initctl" ? words.first : words.dropFirst().first
            if let verb, ["stop", "restart", "force-reload", "force-stop", "zap", "condrestart", "try-restart"].contains(verb) {
                return "\(name) \(verb)"
            }
            return nil
        case "pg_ctlcluster":
            let words = positionals(args, valueOptions: [])
            if words.count >= 3, ["stop", "restart", "promote"].contains(words[2]) { return "pg_ctlcluster \(words[2])" }
            return nil
        case "ip":
            let words = positionals(args, valueOptions: ["-n", "-netns"]).map { $0.lowercased() }
            guard let object = words.first else { return nil }
            if ["link", "l"].contains(object), words.contains("down") || words.contains("delete") || words.contains("del") { return "ip link down" }
            if ["addr", "address", "a", "route", "r", "ro", "neigh", "rule"].contains(object),
               words.count > 1, ["del", "delete", "flush", "replace", "change"].contains(words[1]) {
                return "ip \(object) \(words[1])"
            }
            return nil
        case "ifconfig":
            return args.contains("down") ? "ifconfig down" : nil
        case "fdisk", "parted":
            return args.contains("-l") || args.contains("--list") || args.contains("print") ? nil : name
        case "fuser":
            return has("-k", in: args) != nil ? "fuser -k" : nil
        case "find":
            return args.contains("-delete") ? "find -delete" : nil
        case "nginx":
            if let position = args.firstIndex(of: "-s"), position + 1 < args.count, ["stop", "quit"].contains(args[position + 1]) {
                return "nginx -s \(args[position + 1])"
            }
            return nil
        case "firewall-cmd":
            let flag = args.first { $0.hasPrefix("--remove-") || ["--reload", "--complete-reload", "--panic-on"].contains($0)
                || $0.hasPrefix("--set-default-zone") }
            return flag.map { "firewall-cmd \($0)" }
        default:
            return nil
        }
    }

    /// `make db-reset`, `rails db:drop`, `npm run migrate:down`: the task name's parts say it.
    private static func taskLabel(name: String, displayName: String, args: [String]) -> String? {
        var words = positionals(args, valueOptions: ["-f", "-C", "--file", "--directory", "--prefix", "-w", "--workspace"])
        var spoken = displayName
        if name == "npm" {
            // `npm run X`, `npm run-script X`, `yarn X`, `pnpm X`; npm's own verbs are the tool table's.
            if let first = words.first, ["run", "run-script"].contains(first) {
                spoken += " " + first
                words = Array(words.dropFirst())
            } else if let first = words.first, tools["npm"]?.verbs.contains([first]) == true {
                return "\(displayName) \(first)"
            }
            words = Array(words.prefix(1))
        }
        if name == "manage.py" || name == "artisan" { words = Array(words.prefix(1)) }
        for task in words {
            let parts = task.lowercased().split(whereSeparator: { ":-_.".contains($0) }).map(String.init)
            if parts.contains(where: platformVerbs.contains) { return "\(spoken) \(task)" }
        }
        return nil
    }

    /// A disk or partition path, whose filesystem a write destroys, or the kernel's SysRq trigger.
    static func isBlockDevice(_ path: String) -> Bool {
        if path == "/proc/sysrq-trigger" { return true }
        guard path.hasPrefix("/dev/") else { return false }
        let device = path.dropFirst(5)
        return ["sd", "hd", "vd", "xvd", "nvme", "mmcblk", "disk/", "mapper/", "dm-", "md", "loop", "nbd", "rbd", "zd"]
            .contains { device.hasPrefix($0) }
    }
}
