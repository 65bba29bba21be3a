
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'chatsky-redis' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'chatsky-redis'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'chatsky-redis' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('has', 'has', [CompletionResultType]::ParameterValue, 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored context (GET, like Chatsky''s `get_item`)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete contexts; a missing key is not an error. Unlike Chatsky''s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type')
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List stored contexts (SCAN, streaming)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import contexts from JSON Lines, validating every line before anything is written')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move every context of one layout into the other (legacy to chatsky 0.10, or back), in the same db or another, each validated as the target version reads it before it is written')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert export lines into the other layout (legacy to chatsky 0.10, or back), with no Redis: what `migrate` writes, as a file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL (see the README for where it goes)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write every page (one per subcommand too) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatsky-redis;has' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code answers')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code answers')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;get' {
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not, or when a pickle in it resolves globals outside the allow-list)')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;put' {
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Schema to validate and write: auto, 0.7, 0.8 or 0.9')
            [CompletionResult]::new('--float-exponent', '--float-exponent', [CompletionResultType]::ParameterName, 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)')
            [CompletionResult]::new('--allow-pickle-global', '--allow-pickle-global', [CompletionResultType]::ParameterName, 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--allow-unsafe-pickles', '--allow-unsafe-pickles', [CompletionResultType]::ParameterName, 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted')
            [CompletionResult]::new('--if-absent', '--if-absent', [CompletionResultType]::ParameterName, 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse a document with top-level keys that are not fields of the target version''s Context, instead of dropping them as Chatsky does (with a note)')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;rm' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--any-type', '--any-type', [CompletionResultType]::ParameterName, 'Delete the keys whatever they hold (plain DEL), as Chatsky''s del_item does. Without it, `rm` refuses a key that is not a context and deletes nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask; for runbooks and scripts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask; for runbooks and scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;count' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--exact', '--exact', [CompletionResultType]::ParameterName, 'Walk the db with SCAN and count contexts and other keys separately')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;clear' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask; for runbooks and scripts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask; for runbooks and scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;ls' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only keys matching this Redis glob')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list keys that are not contexts, with their type')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;export' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only keys matching this Redis glob')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Create the -o file readable by its owner only (0600) instead of as the umask says')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;import' {
            [CompletionResult]::new('--key-field', '--key-field', [CompletionResultType]::ParameterName, 'Lines are bare documents; take each key from this top-level field (e.g. `id`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Schema to validate and write: auto, 0.7, 0.8 or 0.9')
            [CompletionResult]::new('--float-exponent', '--float-exponent', [CompletionResultType]::ParameterName, 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)')
            [CompletionResult]::new('--allow-pickle-global', '--allow-pickle-global', [CompletionResultType]::ParameterName, 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Write the valid lines and list the invalid ones, instead of writing nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate only; write nothing')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Succeed on an input with no contexts at all (otherwise exit 2: an empty file is usually a mistake, such as a failed export)')
            [CompletionResult]::new('--canonical', '--canonical', [CompletionResultType]::ParameterName, 'Store documents in Chatsky''s canonical form instead of verbatim (verbatim keeps export→import lossless)')
            [CompletionResult]::new('--allow-unsafe-pickles', '--allow-unsafe-pickles', [CompletionResultType]::ParameterName, 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted')
            [CompletionResult]::new('--if-absent', '--if-absent', [CompletionResultType]::ParameterName, 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse a document with top-level keys that are not fields of the target version''s Context, instead of dropping them as Chatsky does (with a note)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;migrate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The layout to convert into: 0.10 (chatsky 0.10''s hashes, under --prefix) or legacy')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'With --to legacy: the Chatsky version to write for, 0.8 or 0.9 (default 0.9). 0.8 gets its own shapes: [flow, node] labels, turns numbered from 0 without the start label, pickled None slot values')
            [CompletionResult]::new('--start-label', '--start-label', [CompletionResultType]::ParameterName, 'With --to 0.10: the start label (labels[0]) to give contexts that have none, FLOW:NODE as the bot''s pipeline names it. dff 0.7 and chatsky 0.8 never stored it; without it they get none (a note), and a context with no labels at all is not converted')
            [CompletionResult]::new('--allow-pickle-global', '--allow-pickle-global', [CompletionResultType]::ParameterName, 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only the contexts whose id matches this Redis glob (for legacy contexts, their key)')
            [CompletionResult]::new('--target-url', '--target-url', [CompletionResultType]::ParameterName, 'Write into this database instead of --url''s, e.g. the new bot''s. It is parsed like --url; its own user info or ?password= logs in and its ?ssl_*= set up TLS (the --username, --password-file and --tls-* flags are --url''s). Keep a URL with a password in the variable rather than on the command line')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--allow-unsafe-pickles', '--allow-unsafe-pickles', [CompletionResultType]::ParameterName, 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite the context an id already has in the target layout (without it, that context is kept and counted). A target key of another type is never overwritten')
            [CompletionResult]::new('--delete-source', '--delete-source', [CompletionResultType]::ParameterName, 'Delete each source context once its copy is written, after confirmation; never one that changed after it was read (a live bot''s turn), nor one whose copy was not written')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before --delete-source; for runbooks and scripts')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before --delete-source; for runbooks and scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Read, convert and validate every context and look at the target, but write and delete nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The layout to convert into: 0.10 (chatsky 0.10''s hashes, under --prefix) or legacy')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'With --to legacy: the Chatsky version to write for, 0.8 or 0.9 (default 0.9). 0.8 gets its own shapes: [flow, node] labels, turns numbered from 0 without the start label, pickled None slot values')
            [CompletionResult]::new('--start-label', '--start-label', [CompletionResultType]::ParameterName, 'With --to 0.10: the start label (labels[0]) to give contexts that have none, FLOW:NODE as the bot''s pipeline names it. dff 0.7 and chatsky 0.8 never stored it; without it they get none (a note), and a context with no labels at all is not converted')
            [CompletionResult]::new('--allow-pickle-global', '--allow-pickle-global', [CompletionResultType]::ParameterName, 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once every line is converted (otherwise nothing is written, and an earlier FILE stays)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once every line is converted (otherwise nothing is written, and an earlier FILE stays)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--allow-unsafe-pickles', '--allow-unsafe-pickles', [CompletionResultType]::ParameterName, 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Create the -o file readable by its owner only (0600) instead of as the umask says')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Write the lines that convert and list the others, instead of writing nothing')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Succeed on an input with no lines at all (otherwise exit 2: an empty file is usually a mistake, such as a failed export)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;completions' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write chatsky-redis.1 and a page per subcommand into this directory (e.g. ~/.local/share/man/man1) instead of printing chatsky-redis.1')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ACL username; wins over the URL''s')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)')
            [CompletionResult]::new('--tls-ca-dir', '--tls-ca-dir', [CompletionResultType]::ParameterName, 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile=')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (PEM, not encrypted)')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatsky-redis;help' {
            [CompletionResult]::new('has', 'has', [CompletionResultType]::ParameterValue, 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored context (GET, like Chatsky''s `get_item`)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete contexts; a missing key is not an error. Unlike Chatsky''s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type')
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List stored contexts (SCAN, streaming)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import contexts from JSON Lines, validating every line before anything is written')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move every context of one layout into the other (legacy to chatsky 0.10, or back), in the same db or another, each validated as the target version reads it before it is written')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert export lines into the other layout (legacy to chatsky 0.10, or back), with no Redis: what `migrate` writes, as a file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL (see the README for where it goes)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write every page (one per subcommand too) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatsky-redis;help;has' {
            break
        }
        'chatsky-redis;help;get' {
            break
        }
        'chatsky-redis;help;put' {
            break
        }
        'chatsky-redis;help;rm' {
            break
        }
        'chatsky-redis;help;count' {
            break
        }
        'chatsky-redis;help;clear' {
            break
        }
        'chatsky-redis;help;ls' {
            break
        }
        'chatsky-redis;help;export' {
            break
        }
        'chatsky-redis;help;import' {
            break
        }
        'chatsky-redis;help;migrate' {
            break
        }
        'chatsky-redis;help;convert' {
            break
        }
        'chatsky-redis;help;completions' {
            break
        }
        'chatsky-redis;help;man' {
            break
        }
        'chatsky-redis;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
