import Testing
import TriageCore

/// `RunbookCommand.isDestructive` decides whether running a block needs a typed "yes".
@Suite struct DestructiveCommandTests {
    @Test(arguments: [
        "rm -rf /var/lib/app/cache",
        "sudo rm /tmp/lock",
        "docker rm codexos-backend",
        "docker system prune -f",
        "docker volume prune",
        "redis-cli FLUSHALL",
        "docker exec redis redis-cli flushdb",
        "kill -9 1234",
        "pkill -f worker",
        "truncate -s 0 /var/log/app.log",
        "find /var/log -name '*.log' -size +100M -exec truncate -s 0 {} \\;",
        "find /backups -type f -mtime +7 -delete",
        "psql -c 'DROP TABLE sessions;'",
        "psql -U postgres -c \"\nSELECT pg_terminate_backend(pid)\nFROM pg_stat_activity;\"",
        "mysql -e \"DELETE FROM jobs WHERE state = 'stuck'\"",
        "kubectl delete pod web-1",
        "kubectl rollout restart deployment/web -n prod",
        "kubectl rollout undo deployment/web",
        "kubectl scale deployment web --replicas=0",
        "docker compose down",
        "docker-compose down -v",
        "docker stop web",
        "systemctl restart nginx",
        "npm run restart",
        "curl -X DELETE http://127.0.0.1:8080/cache",
        "curl -XDELETE http://127.0.0.1:8080/cache",
        "# comment first\ndocker ps\ndocker restart web",
        "docker ps -q | xargs docker stop",
        "FOO=1 rm file",
    ])
    func destructive(code: String) {
        #expect(RunbookCommand.isDestructive(code), "\(code)")
        #expect(RunbookCommand.destructiveReason(code) != nil)
    }

    @Test(arguments: [
        "docker ps",
        "kubectl get pods --all-namespaces | grep -v Running",
        "curl -f http://localhost:8001/health || echo \"Backend down\"",
        "echo 'restart the service and kill the noise' >> notes.txt",
        "# docker stop web   (commented out)\ndocker ps",
        "kubectl rollout status deployment/web",
        "kubectl logs deploy/web | grep -i 'stop\\|restart'",
        "psql -c \"SELECT count(*) FROM users;\"",
        "mail -s \"Service down: restart pending\" ops@example.com",
        "cat > status.txt << EOF\nStatus: we will restart and drop nothing\nrm is not run here\nEOF\ndocker ps",
        "docker logs web --tail 100",
        "",
    ])
    func notDestructive(code: String) {
        #expect(!RunbookCommand.isDestructive(code), "\(code)")
        #expect(RunbookCommand.destructiveReason(code) == nil)
    }

    @Test func reasonNamesTheCommand() {
        #expect(RunbookCommand.destructiveReason("docker ps\ndocker stop web && docker rm web") == "docker stop web")
    }

    @Test func convenienceInitClassifies() {
        #expect(RunbookCommand(language: "bash", code: "docker stop web", line: 3).destructive)
        #expect(!RunbookCommand(language: "bash", code: "docker ps", line: 3).destructive)
    }

    @Test func summaryIsTheFirstCommentOrCommand() {
        // Labelled by what runs, never by a comment that may be wrong about it.
        #expect(RunbookCommand(language: "sh", code: "#!/bin/sh\n# Check pods\nkubectl get pods", line: 1).summary == "kubectl get pods")
        #expect(RunbookCommand(language: "sh", code: "NS=web\nkubectl -n $NS get pods", line: 1).summary == "kubectl -n $NS get pods")
        #expect(RunbookCommand(language: "sh", code: "kubectl get pods\nkubectl get nodes", line: 1).summary == "kubectl get pods")
    }
}
