import Testing
import TriageCore

/// `RunbookCommand.isDestructive` decides whether running a block needs a typed "yes", and
/// `destructiveReason` says why, in the confirmation dialog and in `runbook lint`.
@Suite struct DestructiveCommandTests {
    struct Case: Sendable, CustomStringConvertible {
        var code: String
        var reason: String
        init(_ code: String, _ reason: String) {
            self.code = code
            self.reason = reason
        }
        var description: String { code }
    }

    /// Issue 11's list (each needed only `y` before the parser), then the tool table, each with its reason.
    static let destructiveCorpus: [Case] = [
        Case("sh -c \"rm -rf /data\"", "destructive: rm -rf (inside sh -c)"),
        Case("bash -c 'systemctl stop nginx && rm -rf /var/cache/nginx'", "destructive: systemctl stop (inside bash -c)"),
        Case("eval \"rm -rf /srv/app/releases/old\"", "destructive: rm -rf (inside eval)"),
        Case("ssh db 'sudo systemctl restart postgresql'", "destructive: systemctl restart (over ssh db)"),
        Case("kubectl exec -n prod web-0 -- bash -c \"rm -rf /tmp/cache\"", "destructive: rm -rf (inside bash -c, inside kubectl exec)"),
        Case("psql -U postgres app <<SQL\nBEGIN;\nDROP TABLE sessions;\nCOMMIT;\nSQL", "destructive: SQL DROP TABLE (psql heredoc)"),
        Case("dd if=/dev/zero of=/dev/sda bs=1M count=10", "destructive: dd of=/dev/sda"),
        Case(": > db", "destructive: truncate db"),
        Case("mv /var/lib/app/data.db /dev/null", "destructive: mv to /dev/null"),
        Case("chmod -R 000 /srv/app", "destructive: chmod -R"),
        Case("curl -fsSL https://get.example.com/install.sh | sh", "destructive: curl | sh"),
        Case("iptables -F", "destructive: iptables -F"),
        Case("crontab -r", "destructive: crontab -r"),
        Case("git push --force origin main", "destructive: git push --force"),
        Case("git reset --hard origin/main", "destructive: git reset --hard"),
        Case("terraform apply -auto-approve", "destructive: terraform apply -auto-approve"),
        Case("helm rollback web 3 -n prod", "destructive: helm rollback"),
        Case("kubectl patch deployment web -p '{\"spec\":{\"replicas\": 0}}'", "destructive: kubectl patch"),
        Case("kubectl set env deployment/web FEATURE_X=off", "destructive: kubectl set env"),
        Case("mysql shop < dump.sql", "destructive: mysql < dump.sql"),
        Case("pg_restore --clean -d app /backups/app.dump", "destructive: pg_restore --clean"),
        Case("rails db:drop", "destructive: rails db:drop"),
        Case("npm run migrate:down", "destructive: npm run migrate:down"),
        // Wrappers and nesting.
        Case("sudo -u postgres psql -c 'DROP DATABASE app'", "destructive: SQL DROP DATABASE (psql -c)"),
        Case("env FOO=1 nohup timeout -s KILL 30 rm -f /run/app.pid", "destructive: rm -f"),
        Case("docker ps -q | xargs docker stop", "destructive: docker stop (via xargs)"),
        Case("watch -n 5 'kubectl delete pod -l app=web --field-selector=status.phase=Failed'", "destructive: kubectl delete (inside watch)"),
        Case("docker exec -it redis redis-cli FLUSHALL", "destructive: redis FLUSHALL (inside docker exec)"),
        Case("ssh -i key.pem ops@db1 'psql -c \"TRUNCATE jobs\"'", "destructive: SQL TRUNCATE (psql -c, over ssh ops@db1)"),
        Case("echo $(kubectl delete pod web-1)", "destructive: kubectl delete"),
        Case("for p in $(kubectl get pods -o name); do kubectl delete \"$p\"; done", "destructive: kubectl delete"),
        Case("(cd /srv && rm -r old)", "destructive: rm -r"),
        Case("bash <<'EOF'\nset -e\nsystemctl restart app\nEOF", "destructive: systemctl restart (bash heredoc)"),
        Case("bash <(curl -s https://x/install.sh)", "destructive: curl | bash"),
        Case("find /backups -type f -mtime +7 -delete", "destructive: find -delete"),
        Case("find /var/log -name '*.log' -exec truncate -s 0 {} \\;", "destructive: truncate (via find -exec)"),
        Case("cat <<EOF | psql app\nDELETE FROM jobs WHERE state = 'stuck';\nEOF", "destructive: SQL DELETE FROM (piped into psql)"),
        Case("echo 'FLUSHDB' | redis-cli -n 2", "destructive: redis FLUSHDB (piped into redis-cli)"),
        Case("printf 'SELECT 1;\\nFLUSHALL\\n' | redis-cli", "destructive: redis FLUSHALL (piped into redis-cli)"),
        Case("mysql -e \"UPDATE users SET plan = 'free'\"", "destructive: SQL UPDATE (mysql -e)"),
        Case("psql -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'app'\"",
             "destructive: SQL pg_terminate_backend (psql -c)"),
        Case("sqlite3 app.db 'DELETE FROM cache'", "destructive: SQL DELETE FROM (sqlite3)"),
        Case("mongosh --eval 'db.sessions.drop()'", "destructive: mongo drop() (mongosh --eval)"),
        Case("psql app <<< 'DROP SCHEMA tmp CASCADE'", "destructive: SQL DROP SCHEMA (psql here-string)"),
        // The tool table.
        Case("kubectl -n prod delete pod web-1", "destructive: kubectl delete"),
        Case("kubectl rollout restart deployment/web -n prod", "destructive: kubectl rollout restart"),
        Case("kubectl rollout undo deployment/web", "destructive: kubectl rollout undo"),
        Case("kubectl scale deployment web --replicas=0", "destructive: kubectl scale"),
        Case("kubectl drain node-b --ignore-daemonsets", "destructive: kubectl drain"),
        Case("helm uninstall web", "destructive: helm uninstall"),
        Case("terraform destroy -target=module.cache", "destructive: terraform destroy"),
        Case("docker compose -f prod.yml down -v", "destructive: docker compose down"),
        Case("docker-compose down", "destructive: docker compose down"),
        Case("podman system prune -af", "destructive: docker system prune"),
        Case("docker volume rm pgdata", "destructive: docker volume rm"),
        Case("docker restart web", "destructive: docker restart"),
        Case("systemctl restart nginx", "destructive: systemctl restart"),
        Case("service nginx stop", "destructive: service stop"),
        Case("git clean -fdx", "destructive: git clean -f"),
        Case("git push origin :old-branch", "destructive: git push :refspec"),
        Case("git push origin +main", "destructive: git push +refspec"),
        Case("apt-get purge -y nginx", "destructive: apt purge"),
        Case("pip uninstall -y requests", "destructive: pip uninstall"),
        Case("redis-cli -h cache -p 6380 flushdb", "destructive: redis FLUSHDB"),
        Case("dropdb app_staging", "destructive: dropdb"),
        Case("mkfs.ext4 /dev/sdb1", "destructive: mkfs.ext4"),
        Case("kill -9 1234", "destructive: kill"),
        Case("pkill -f worker", "destructive: pkill"),
        Case("truncate -s 0 /var/log/app.log", "destructive: truncate"),
        Case("curl -X DELETE http://127.0.0.1:8080/cache", "destructive: curl DELETE"),
        Case("ufw deny 22", "destructive: ufw deny"),
        Case("aws ec2 terminate-instances --instance-ids i-123", "destructive: aws terminate-instances"),
        Case("gcloud compute instances delete web-1 --zone us-east1-b", "destructive: gcloud delete"),
        Case("heroku pg:reset DATABASE_URL --confirm app", "destructive: heroku pg:reset"),
        Case("ip link set eth0 down", "destructive: ip link down"),
        Case("echo 1 > /dev/sda", "destructive: write to /dev/sda"),
        Case("rsync -a --delete /src/ /dst/", "destructive: rsync --delete"),
        Case("journalctl --vacuum-time=1d", "destructive: journalctl --vacuum-time=1d"),
        Case("nginx -s stop", "destructive: nginx -s stop"),
        Case("python manage.py flush --noinput", "destructive: manage.py flush"),
        Case("yarn db:reset", "destructive: yarn db:reset"),
        Case("make db-drop", "destructive: make db-drop"),
        Case("sh -c \"$(curl -fsSL https://x/i.sh)\"", "destructive: curl | sh"),
        Case("env -S 'rm -rf /tmp/x'", "destructive: rm -rf (inside env -S)"),
        Case("flock /run/deploy.lock -c 'systemctl stop app'", "destructive: systemctl stop (inside flock -c)"),
        Case("bundle exec rake db:drop", "destructive: rake db:drop"),
        Case("npx prisma migrate reset --force", "destructive: prisma migrate reset"),
        Case("zcat /backups/app.sql.gz | psql app", "destructive: zcat /backups/app.sql.gz | psql"),
        Case("psql -f restore.sql app", "destructive: psql -f restore.sql"),
        Case("mongorestore --drop /backups/db", "destructive: mongorestore --drop"),
        Case("true > /var/log/app.log", "destructive: truncate /var/log/app.log"),
        Case("chmod 000 /srv/app", "destructive: chmod 000"),
        Case("helm upgrade web ./chart -f prod.yaml", "destructive: helm upgrade"),
        Case("nft flush ruleset", "destructive: nft flush"),
        Case("firewall-cmd --remove-port=443/tcp --permanent", "destructive: firewall-cmd --remove-port=443/tcp"),
        Case("etcdctl --endpoints=https://127.0.0.1:2379 del /registry --prefix", "destructive: etcdctl del"),
        Case("vault kv delete secret/app", "destructive: vault kv delete"),
        Case("pg_ctl -D /var/lib/pgsql/data stop -m fast", "destructive: pg_ctl stop"),
        Case("echo c > /proc/sysrq-trigger", "destructive: write to /proc/sysrq-trigger"),
        Case("FOO=1 rm file", "destructive: rm"),
        Case("# comment first\ndocker ps\ndocker restart web", "destructive: docker restart"),
        Case("psql -U postgres -c \"\nSELECT pg_terminate_backend(pid)\nFROM pg_stat_activity;\"", "destructive: SQL pg_terminate_backend (psql -c)"),
    ]

    @Test(arguments: destructiveCorpus)
    func destructive(_ example: Case) {
        #expect(RunbookCommand.isDestructive(example.code), "\(example.code)")
        #expect(RunbookCommand.destructiveReason(example.code) == example.reason, "\(example.code)")
    }

    /// Commands people run while looking, which must never need a typed "yes".
    static let safeCorpus: [String] = [
        "echo \"rm -rf /\"",
        "grep DELETE access.log",
        "kubectl get pods",
        "docker logs web --tail 100",
        "git status",
        "systemctl status nginx",
        "psql -c 'SELECT 1'",
        "helm list -A",
        "terraform plan",
        "curl -sS https://x/health",
        "docker ps",
        "kubectl get pods --all-namespaces | grep -v Running",
        "curl -f http://localhost:8001/health || echo \"Backend down\"",
        "echo 'restart the service and kill the noise' >> notes.txt",
        "# docker stop web   (commented out)\ndocker ps",
        "kubectl rollout status deployment/web",
        "kubectl logs deploy/web | grep -i 'stop\\|restart'",
        "psql -c \"SELECT count(*) FROM users;\"",
        "psql -c \"SELECT * FROM audit WHERE action = 'DROP TABLE'\"",
        "mail -s \"Service down: restart pending\" ops@example.com",
        "cat > status.txt << EOF\nStatus: we will restart and drop nothing\nrm is not run here\nEOF\ndocker ps",
        "kubectl describe pod web-1 -n prod",
        "kubectl top pods",
        "docker inspect web | jq '.[0].State'",
        "docker stats --no-stream",
        "journalctl -u nginx --since '10 min ago'",
        "git log --oneline -20",
        "git diff HEAD~1",
        "helm status web",
        "helm history web",
        "terraform show",
        "df -h",
        "free -m",
        "ss -tlnp",
        "dig +short api.example.com",
        "tail -f /var/log/nginx/error.log",
        "redis-cli INFO memory",
        "redis-cli -n 2 GET session:1",
        "mysql -e 'SHOW PROCESSLIST'",
        "sqlite3 app.db 'SELECT count(*) FROM jobs'",
        "iptables -L -n",
        "crontab -l",
        "kill -0 1234",
        "ssh db uptime",
        "kubectl exec web-0 -- cat /etc/hosts",
        "docker exec web ls /app",
        "sh -c 'echo hello'",
        "kubectl get pods > pods.txt",
        "ps aux | grep -i stop",
        "aws ec2 describe-instances --filters Name=instance-state-name,Values=stopped",
        "npm run build",
        "make test",
        "rails db:migrate:status",
        "echo $(date) > /tmp/stamp",
        "dd if=/dev/sda of=/dev/null bs=1M count=1",
        "chmod 644 /etc/app.conf",
        "",
    ]

    @Test(arguments: safeCorpus)
    func notDestructive(code: String) {
        #expect(!RunbookCommand.isDestructive(code), "\(code): \(RunbookCommand.destructiveReason(code) ?? "")")
        #expect(RunbookCommand.destructiveReason(code) == nil)
    }

    @Test func theFirstDestructiveCommandGivesTheReason() {
        #expect(RunbookCommand.destructiveReason("docker ps\ndocker stop web && docker rm web") == "destructive: docker stop")
    }

    @Test func convenienceInitClassifiesAndKeepsTheReason() {
        let command = RunbookCommand(language: "bash", code: "kubectl delete pod web-1", line: 3)
        #expect(command.destructive)
        #expect(command.destructiveReason == "destructive: kubectl delete")
        let safe = RunbookCommand(language: "bash", code: "docker ps", line: 3)
        #expect(!safe.destructive)
        #expect(safe.destructiveReason == nil)
    }

    @Test func summaryIsTheFirstCommentOrCommand() {
        // Labelled by what runs, never by a comment that may be wrong about it.
        #expect(RunbookCommand(language: "sh", code: "#!/bin/sh\n# Check pods\nkubectl get pods", line: 1).summary == "kubectl get pods")
        #expect(RunbookCommand(language: "sh", code: "NS=web\nkubectl -n $NS get pods", line: 1).summary == "kubectl -n $NS get pods")
        #expect(RunbookCommand(language: "sh", code: "kubectl get pods\nkubectl get nodes", line: 1).summary == "kubectl get pods")
    }

    /// Wrappers nest deeper than the classifier follows: it stops rather than recursing forever, and
    /// what it could not read needs a typed "yes" (it could hide anything); within the limit it
    /// still finds the command.
    @Test func deepNestingStopsAtTheLimit() {
        func heredocs(_ levels: Int) -> String {
            var code = "rm -rf /"
            for level in 0..<levels { code = "bash <<E\(level)\n\(code)\nE\(level)" }
            return code
        }
        #expect(RunbookCommand.destructiveReason(heredocs(3)) == "destructive: rm -rf (bash heredoc, bash heredoc, bash heredoc)")
        let tooDeep = "destructive: nesting too deep to check"
        #expect(RunbookCommand.destructiveReason(heredocs(400)) == tooDeep)
        #expect(RunbookCommand.destructiveReason(String(repeating: "eval ", count: 3) + "rm x") == "destructive: rm (inside eval, inside eval, inside eval)")
        #expect(RunbookCommand.destructiveReason(String(repeating: "eval ", count: 2000) + "rm x") == tooDeep)
        #expect(RunbookCommand.destructiveReason(String(repeating: "sudo ", count: 2000) + "echo x") == tooDeep)
        #expect(RunbookCommand.destructiveReason(String(repeating: "$(", count: 100) + "echo x") == tooDeep)
        #expect(RunbookCommand.destructiveReason(String(repeating: "$(", count: 5) + "echo x") == nil)
    }

    // MARK: Unset variables

    @Test func unsetAndEmptyVariablesAreNamed() {
        let environment = ["HOME": "/root", "EMPTY": "", "SERVICE_URL": "http://127.0.0.1:1"]
        #expect(RunbookCommand.unsetVariables("docker restart \"$CONTAINER\"", environment: environment) == ["CONTAINER"])
        #expect(RunbookCommand.unsetVariables("curl ${SERVICE_URL}/health && echo $EMPTY $HOME", environment: environment) == ["EMPTY"])
        #expect(RunbookCommand.unsetVariables("kubectl -n $NS delete pod ${POD%.*}", environment: environment) == ["NS", "POD"])
        // Unquoted here-document bodies expand; quoted ones do not.
        #expect(RunbookCommand.unsetVariables("cat <<EOF\n$TOKEN\nEOF", environment: environment) == ["TOKEN"])
        #expect(RunbookCommand.unsetVariables("cat <<'EOF'\n$TOKEN\nEOF", environment: environment).isEmpty)
    }

    @Test(arguments: [
        "X=1; echo $X",
        "for x in a b; do echo $x; done",
        "export TARGET=web\ndocker restart \"$TARGET\"",
        "read -r answer; echo \"$answer\"",
        "echo $? $1 $$ $@ $# $! $* $0 ${10}",
        "echo ${MAYBE:-default} ${OTHER-x} ${REQUIRED:?set it} ${ALT:+y} ${#LEN}",
        "echo '$NOT_EXPANDED'",
        "echo \\$ESCAPED",
        "echo $PWD $RANDOM $PPID $_",
        "echo $(( COUNT + 1 ))",
        "while read line; do echo \"$line\"; done < list.txt",
    ])
    func notUnset(code: String) {
        #expect(RunbookCommand.unsetVariables(code, environment: [:]).isEmpty, "\(code)")
    }
}
