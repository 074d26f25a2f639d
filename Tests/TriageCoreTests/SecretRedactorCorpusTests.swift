import Foundation
import Testing
@testable import TriageCore

/// The forms of issue 11 ("Redaction misses common secret forms") and more like them, each with the
/// exact text the redactor must produce, and ordinary text that must come back byte for byte.
@Suite struct SecretRedactorCorpusTests {
    static let ghp = "ghp_aBcDeF0123456789aBcDeF0123456789abcd"
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpM"

    /// (input, exact expected output)
    static let positives: [(String, String)] = [
        // The issue's forms
        ("password: x", "password: ****"),
        (#""password": "x""#, #""password": "****""#),
        ("secret: x", "secret: ****"),
        ("X-Api-Key: x", "X-Api-Key: ****"),
        ("Cookie: session=x", "Cookie: session=****"),
        ("pushed with \(ghp) today", "pushed with **** today"),
        ("curl -H 'Authorization: token x' https://api.github.com", "curl -H 'Authorization: token ****' https://api.github.com"),
        ("retrying with token 9f8e7d6c5b4a", "retrying with token ****"),
        // YAML, JSON, JS, Ruby, Go, XML, any case, quoted or not
        ("Password: Hunter2!", "Password: ****"),
        ("db_password: 'correct horse battery'", "db_password: '****'"),
        ("  PASSWORD: correct horse battery staple", "  PASSWORD: ****"),
        (#"{"user":"bob","password":"p@ss\"word","port":5432}"#, #"{"user":"bob","password":"****","port":5432}"#),
        (#"log: {\"token\":\"abc123\",\"user\":\"bob\"}"#, #"log: {\"token\":\"****\",\"user\":\"bob\"}"#),
        ("apiKey: 'k-123', region: 'eu'", "apiKey: '****', region: 'eu'"),
        (#"{ :password => "hunter2" }"#, #"{ :password => "****" }"#),
        (#"pwd := "hunter2""#, #"pwd := "****""#),
        ("<password>hunter2</password>", "<password>****</password>"),
        ("client_secret: 9a8b7c6d", "client_secret: ****"),
        ("      DB_PASSWORD:  hunter2", "      DB_PASSWORD:  ****"),
        (#""Env": ["DB_PASSWORD=hunter2", "PATH=/usr/bin"]"#, #""Env": ["DB_PASSWORD=****", "PATH=/usr/bin"]"#),
        // Environment, ini and logfmt assignments
        ("passwd=abc", "passwd=****"),
        ("MYSQL_PWD=s3cret mysql -u root", "MYSQL_PWD=**** mysql -u root"),
        (#"PGPASSWORD="p w" psql -h db"#, #"PGPASSWORD="****" psql -h db"#),
        ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls",
         "AWS_SECRET_ACCESS_KEY=**** aws s3 ls"),
        ("[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = eu-west-1",
         "[default]\naws_secret_access_key = ****\nregion = eu-west-1"),
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = ****"),
        (#"level=error msg="login failed" password=hunter2 user=bob"#, #"level=error msg="login failed" password=**** user=bob"#),
        ("JSESSIONID=ABC123DEF456; Path=/", "JSESSIONID=****; Path=/"),
        ("kubectl create secret generic db --from-literal=password=hunter2",
         "kubectl create secret generic db --from-literal=password=****"),
        // Flags
        ("vault login --token abc123 --address https://vault", "vault login --token **** --address https://vault"),
        ("app --client-secret=xyz --verbose", "app --client-secret=**** --verbose"),
        ("java -Dspring.datasource.password=hunter2 -jar app.jar", "java -Dspring.datasource.password=**** -jar app.jar"),
        ("curl -u admin:hunter2 https://x.example", "curl -u admin:**** https://x.example"),
        ("redis-cli -h cache -a hunter2 ping", "redis-cli -h cache -a **** ping"),
        ("docker login -u bob -p hunter2 registry.example.com", "docker login -u bob -p **** registry.example.com"),
        // Headers
        ("Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic ****"),
        ("X-Auth-Token: abc123", "X-Auth-Token: ****"),
        ("PRIVATE-TOKEN: glpat-AbCdEf0123456789xyz", "PRIVATE-TOKEN: ****"),
        (#"{"Authorization": "Bearer abc.def"}"#, #"{"Authorization": "Bearer ****"}"#),
        ("Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261123/eu/s3, Signature=fe5f80f7",
         "Authorization: AWS4-HMAC-SHA256 ****"),
        ("Set-Cookie: a=b; Path=/", "Set-Cookie: a=****; Path=/"),
        ("< Set-Cookie: sid=abc123; Path=/; HttpOnly; Secure", "< Set-Cookie: sid=****; Path=/; HttpOnly; Secure"),
        ("> Cookie: session=abc; theme=dark", "> Cookie: session=****; theme=****"),
        // URLs, query strings and DSNs
        ("GET /v1/items?api_key=abc123&page=2", "GET /v1/items?api_key=****&page=2"),
        ("https://x/cb?access_token=abc&token_type=bearer", "https://x/cb?access_token=****&token_type=bearer"),
        ("https://b.s3.amazonaws.com/k?X-Amz-Signature=fe5f80f77d5fa3beca&X-Amz-Expires=60",
         "https://b.s3.amazonaws.com/k?X-Amz-Signature=****&X-Amz-Expires=60"),
        ("redis://:s3cret@cache:6379/0", "redis://:****@cache:6379/0"),
        ("mongodb+srv://admin:p@ss@cluster0.example.net/db", "mongodb+srv://admin:****@cluster0.example.net/db"),
        ("git clone https://oauth2:glpat-AbCdEf0123456789xyz@gitlab.com/g/p.git",
         "git clone https://oauth2:****@gitlab.com/g/p.git"),
        ("dsn: app:s3cret@tcp(db:3306)/shop", "dsn: app:****@tcp(db:3306)/shop"),
        ("DATABASE_URL=postgres://app:s3cret@db:5432/orders", "DATABASE_URL=postgres://app:****@db:5432/orders"),
        ("curl -X POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX -d @msg.json",
         "curl -X POST https://hooks.slack.com/services/**** -d @msg.json"),
        ("https://discord.com/api/webhooks/1234567890/AbC-dEf_123", "https://discord.com/api/webhooks/1234567890/****"),
        // Token shapes wherever they stand
        ("leaked glpat-AbCdEf0123456789xyz in CI", "leaked **** in CI"),
        ("bot uses xoxb-123456789012-abcdefABCDEF", "bot uses ****"),
        ("key AKIAIOSFODNN7EXAMPLE leaked", "key **** leaked"),
        ("cookie was \(jwt) then", "cookie was **** then"),
        ("stripe sk_live_51H8abcDEF0123 charge", "stripe **** charge"),
        ("using sk-proj-Ab3dEf9hIjKlMnOpQrStUv for the call", "using **** for the call"),
        ("maps AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q in config", "maps **** in config"),
        ("//registry.npmjs.org/:_authToken=npm_AbCdEf0123456789AbCdEf0123456789abcd",
         "//registry.npmjs.org/:_authToken=****"),
        ("vault says hvs.CAESIAbCdEf0123456789xyzAbC", "vault says ****"),
        // PEM private keys, whole or cut off
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcdEFGH5678==\n-----END RSA PRIVATE KEY-----",
         "-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----"),
        ("$ cat key\n-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1rZXktdjEAAAAA\r\n-----END OPENSSH PRIVATE KEY-----\r\ndone",
         "$ cat key\n-----BEGIN OPENSSH PRIVATE KEY-----\r\n****\r\n-----END OPENSSH PRIVATE KEY-----\r\ndone"),
        (#"{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n"}"#,
         #"{"private_key": "****"}"#),
        ("| bob | -----BEGIN EC PRIVATE KEY-----<br>MHcCAQEEIBkg<br>-----END EC PRIVATE KEY----- |",
         "| bob | -----BEGIN EC PRIVATE KEY-----<br>****<br>-----END EC PRIVATE KEY----- |"),
        ("head -3 key.pem\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n",
         "head -3 key.pem\n-----BEGIN PRIVATE KEY-----\n****\n"),
        // Markdown table cells of the exports
        ("| 19:42 | bob | note | password: x<br>next line |", "| 19:42 | bob | note | password: ****<br>next line |"),
    ]

    /// Ordinary text that mentions the words: unchanged, byte for byte.
    static let negatives: [String] = [
        "password reset emails are failing",
        "token bucket refill slow",
        "session expired for user bob",
        "secret santa signup closes friday",
        "https://example.com/status?page=2&sort=asc",
        "kubectl get secrets -n prod",
        "kubectl describe secret db-creds",
        "Cookie consent banner broken",
        "deployed 3f2c1a9b8e7d6c5b4a39281706f5e4d3c2b1a0f9",
        "request 550e8400-e29b-41d4-a716-446655440000 failed",
        "container 4f1d2c3b4a5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8 exited",
        "the bearer token expired at 19:42",
        "rotate the API key and the client secret tomorrow",
        "a password was reset for 3 users; token 2 of 3 refreshed",
        "PWD=/home/bob OLDPWD=/tmp",
        "token_bucket_size=100 session_timeout=30m sort_key=created_at",
        "password_required: true",
        "tokens: 1500 of 2000",
        "docker run -u 1000:1000 app",
        "image: registry.example.com/vault-secret-sync:1.4.2",
        "curl -s http://secrets.internal:8443/healthz",
        "pip install scikit-learn; sk-learn docs",
        "auth service returned 503; authorization required",
        "email bob@example.com about the key rotation",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@laptop",
        "MONKEY=1 SSH_KEY_PATH=/etc/ssh/key ./check",
        "git log --author=bob --since=yesterday",
    ]

    @Test func theCorpusIsAsLargeAsPromised() {
        #expect(Self.positives.count >= 40)
        #expect(Self.negatives.count >= 20)
    }

    @Test(arguments: positives)
    func masksExactlyTheSecret(input: String, expected: String) {
        #expect(SecretRedactor.redact(input) == expected)
    }

    @Test(arguments: negatives)
    func leavesOrdinaryTextByteForByte(input: String) {
        #expect(Array(SecretRedactor.redact(input).utf8) == Array(input.utf8))
    }

    @Test func redactingTwiceChangesNothing() {
        let all = Self.positives.map(\.0) + Self.negatives + Self.positives.map(\.0).joined(separator: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for input in all {
            let once = SecretRedactor.redact(input)
            #expect(SecretRedactor.redact(once) == once, "not idempotent for \(input)")
        }
        let everything = (Self.positives.map(\.0) + Self.negatives).joined(separator: "\n")
        let once = SecretRedactor.redact(everything)
        #expect(SecretRedactor.redact(once) == once)
        #expect(once == (Self.positives.map(\.1) + Self.negatives).joined(separator: "\n"))
    }

    /// Shapes built to make a pattern rescan the text from every position: a quadratic rule needs
    /// minutes on 200 KB of them, a linear one well under a second. No timing is compared between
    /// runs, only this gap.
    @Test func staysLinearOnAdversarialText() {
        let size = 200_000
        func repeated(_ unit: String) -> String { String(repeating: unit, count: size / unit.utf8.count) }
        let inputs = [
            repeated("-----BEGIN PRIVATE KEY-----\n"), repeated("-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAA\n"),
            repeated("a:"), repeated("a."), repeated("password="), repeated("password: "), repeated("x://"),
            repeated("a") + "@", "x://" + repeated("a") + "@", "x://u:" + repeated("a"), repeated("redis-cli "),
            "redis-cli " + repeated("x "), repeated("Authorization: "), "Authorization: " + repeated("a "),
            repeated("eyJ"), repeated("<a>"), repeated("\""), repeated("ghp_"), repeated("Cookie: "),
            repeated("token "), repeated("-u a:"), repeated("--password "), repeated("\"password\":\""),
            repeated("a:b@tcp"), repeated("docker login "), repeated("AKIA"), repeated("x: ") + "token",
            repeated("Cookie: a "), repeated("secret: ["), repeated("pwd=/"), repeated("a=\"") + "token",
            repeated("-----BEGIN PRIVATE KEY-----" + String(repeating: " ", count: 100)),
        ]
        let clock = ContinuousClock()
        for input in inputs {
            let elapsed = clock.measure { _ = SecretRedactor.redact(input) }
            #expect(elapsed < .seconds(20), "\(input.prefix(20))… took \(elapsed)")
        }
    }
}
