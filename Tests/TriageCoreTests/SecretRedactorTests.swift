import Testing
@testable import TriageCore

@Suite struct SecretRedactorTests {
    @Test(arguments: [
        // URLs with credentials
        ("postgres://app:s3cr3t@db:5432/orders", "postgres://app:****@db:5432/orders"),
        ("redis://default:p%40ss@cache:6379", "redis://default:****@cache:6379"),
        ("curl https://admin:hunter2@api.example.com/v1 -s", "curl https://admin:****@api.example.com/v1 -s"),
        // mysql-style -p<password>
        ("mysql -u root -pS3cret! -h db", "mysql -u root -p**** -h db"),
        ("mysqladmin -u root -p'two words' status", "mysqladmin -u root -p'****' status"),
        // --password X and --password=X
        ("mysqldump --password hunter2 shop", "mysqldump --password **** shop"),
        ("mysqldump --password=hunter2 shop", "mysqldump --password=**** shop"),
        ("psql --password=\"a b c\" -d x", "psql --password=\"****\" -d x"),
        ("redis-cli --pass abc123 ping", "redis-cli --pass **** ping"),
        // PASSWORD=…, *_TOKEN=, *_SECRET=, *_KEY= in any case
        ("PASSWORD=abc ./run", "PASSWORD=**** ./run"),
        ("export DB_PASSWORD='x y'", "export DB_PASSWORD='****'"),
        ("PGPASSWORD=pw psql", "PGPASSWORD=**** psql"),
        ("GITHUB_TOKEN=ghp_abc123 gh api", "GITHUB_TOKEN=**** gh api"),
        ("aws_secret=wJalr ok", "aws_secret=**** ok"),
        ("Stripe_Secret_Key=sk_live_1 go", "Stripe_Secret_Key=**** go"),
        ("curl 'https://x/api?api_key=abc&q=1'", "curl 'https://x/api?api_key=****&q=1'"),
        ("env SLACK_TOKEN=\"xoxb-1\" run", "env SLACK_TOKEN=\"****\" run"),
        // Authorization headers and Bearer tokens
        ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' https://h",
         "curl -H 'Authorization: Bearer ****' https://h"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic ****"),
        ("authorization:abcdef123", "authorization:****"),
        ("> Authorization: token ghp_1\n< HTTP/1.1 200 OK", "> Authorization: token ****\n< HTTP/1.1 200 OK"),
        ("got Bearer xxx from vault", "got Bearer **** from vault"),
        ("-H \"X: y\" -H \"Authorization: Bearer abc\"", "-H \"X: y\" -H \"Authorization: Bearer ****\""),
        // several secrets on one line
        ("mysql -pX --password=Y TOKEN=Z", "mysql -p**** --password=**** TOKEN=****"),
    ])
    func masksSecretValues(input: String, expected: String) {
        #expect(SecretRedactor.redact(input) == expected)
    }

    @Test(arguments: [
        "kubectl rollout restart deploy/web -n prod",
        "mkdir -p /var/lib/app && find /tmp -name '*.log' -print",
        "find . -path ./vendor -prune -o -perm 644 -print0",
        "ssh deploy@bastion.example.com",
        "see https://example.com/docs/a:b@c for details",
        "the bearer token expired at 19:42",
        "MONKEY=1 SSH_KEY_PATH=/etc/ssh/key ./check",
        "mysql --password --user admin",
        "Checked dashboards: error rate 12% (p99 2.3s)",
        "ÅÄÖ 日本語 🚨 résumé",
        "",
    ])
    func leavesOrdinaryTextIntact(input: String) {
        #expect(SecretRedactor.redact(input) == input)
    }

    @Test func redactingTwiceChangesNothing() {
        let inputs = [
            "postgres://app:s3cr3t@db/x", "mysql -pX", "--password=Y", "A_TOKEN=1",
            "Authorization: Bearer abc", "Bearer abcdef", "-p'a b'",
        ]
        for input in inputs {
            let once = SecretRedactor.redact(input)
            #expect(once != input, "rule did not fire for \(input)")
            #expect(SecretRedactor.redact(once) == once)
        }
    }

    @Test func keepsMultilineOutputLineByLine() {
        let output = "connecting\nDB_PASSWORD=abc\nAuthorization: Bearer tok\ndone\n"
        #expect(SecretRedactor.redact(output) == "connecting\nDB_PASSWORD=****\nAuthorization: Bearer ****\ndone\n")
    }
}
