
use builtin;
use str;

set edit:completion:arg-completer[chatsky-redis] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'chatsky-redis'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'chatsky-redis'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand has 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing'
            cand get 'Print one stored context (GET, like Chatsky''s `get_item`)'
            cand put 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first'
            cand rm 'Delete contexts; a missing key is not an error. Unlike Chatsky''s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type'
            cand count 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)'
            cand clear 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation'
            cand ls 'List stored contexts (SCAN, streaming)'
            cand export 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
            cand import 'Import contexts from JSON Lines, validating every line before anything is written'
            cand completions 'Print the shell completion script for SHELL (see the README for where it goes)'
            cand man 'Print the man page, or write every page (one per subcommand too) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatsky-redis;has'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -q 'Print nothing; only the exit code answers'
            cand --quiet 'Print nothing; only the exit code answers'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;get'= {
            cand --schema 'Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --check 'Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not, or when a pickle in it resolves globals outside the allow-list)'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;put'= {
            cand --schema 'Schema to validate and write: auto, 0.7, 0.8 or 0.9'
            cand --float-exponent 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)'
            cand --allow-pickle-global 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --allow-unsafe-pickles 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
            cand --if-absent 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4'
            cand --strict 'Refuse a document with top-level keys that are not fields of the target version''s Context, instead of dropping them as Chatsky does (with a note)'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;rm'= {
            cand --match 'Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --any-type 'Delete the keys whatever they hold (plain DEL), as Chatsky''s del_item does. Without it, `rm` refuses a key that is not a context and deletes nothing'
            cand -y 'Do not ask; for runbooks and scripts'
            cand --yes 'Do not ask; for runbooks and scripts'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;count'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --exact 'Walk the db with SCAN and count contexts and other keys separately'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;clear'= {
            cand --match 'Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -y 'Do not ask; for runbooks and scripts'
            cand --yes 'Do not ask; for runbooks and scripts'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;ls'= {
            cand --match 'Only keys matching this Redis glob'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --all 'Also list keys that are not contexts, with their type'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;export'= {
            cand --match 'Only keys matching this Redis glob'
            cand -o 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was)'
            cand --output 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was)'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --private 'Create the -o file readable by its owner only (0600) instead of as the umask says'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;import'= {
            cand --key-field 'Lines are bare documents; take each key from this top-level field (e.g. `id`)'
            cand --schema 'Schema to validate and write: auto, 0.7, 0.8 or 0.9'
            cand --float-exponent 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)'
            cand --allow-pickle-global 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --skip-invalid 'Write the valid lines and list the invalid ones, instead of writing nothing'
            cand --dry-run 'Validate only; write nothing'
            cand --allow-empty 'Succeed on an input with no contexts at all (otherwise exit 2: an empty file is usually a mistake, such as a failed export)'
            cand --canonical 'Store documents in Chatsky''s canonical form instead of verbatim (verbatim keeps export→import lossless)'
            cand --allow-unsafe-pickles 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
            cand --if-absent 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4'
            cand --strict 'Refuse a document with top-level keys that are not fields of the target version''s Context, instead of dropping them as Chatsky does (with a note)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;completions'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;man'= {
            cand --dir 'Write chatsky-redis.1 and a page per subcommand into this directory (e.g. ~/.local/share/man/man1) instead of printing chatsky-redis.1'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line'
            cand --username 'ACL username; wins over the URL''s'
            cand --password-file 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL''s password'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)'
            cand --timeout 'Seconds to wait for each reply before giving up (exit 3). Default: the URL''s ?socket_timeout=, else as long as the server takes'
            cand --tls-ca-cert 'Trust the CAs in this PEM file (instead of the URL''s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)'
            cand --tls-ca-dir 'Trust the CAs in the PEM files of this directory (instead of the URL''s ?ssl_ca_path=, SSL_CERT_DIR or the system store)'
            cand --tls-cert 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL''s ?ssl_certfile= and ?ssl_keyfile='
            cand --tls-key 'The client certificate''s private key (PEM, not encrypted)'
            cand --tls-server-name 'The server''s name as its certificate gives it: sent as SNI and verified instead of the URL''s host, for connecting by address or through a tunnel'
            cand --layout 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)'
            cand --prefix 'chatsky 0.10''s key prefix (RedisContextStorage''s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find'
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --read-only 'Refuse every command that writes (put, rm, clear, import), before connecting; for inspecting production. The --dry-run of rm, clear and import still runs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;help'= {
            cand has 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing'
            cand get 'Print one stored context (GET, like Chatsky''s `get_item`)'
            cand put 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first'
            cand rm 'Delete contexts; a missing key is not an error. Unlike Chatsky''s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type'
            cand count 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)'
            cand clear 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation'
            cand ls 'List stored contexts (SCAN, streaming)'
            cand export 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
            cand import 'Import contexts from JSON Lines, validating every line before anything is written'
            cand completions 'Print the shell completion script for SHELL (see the README for where it goes)'
            cand man 'Print the man page, or write every page (one per subcommand too) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatsky-redis;help;has'= {
        }
        &'chatsky-redis;help;get'= {
        }
        &'chatsky-redis;help;put'= {
        }
        &'chatsky-redis;help;rm'= {
        }
        &'chatsky-redis;help;count'= {
        }
        &'chatsky-redis;help;clear'= {
        }
        &'chatsky-redis;help;ls'= {
        }
        &'chatsky-redis;help;export'= {
        }
        &'chatsky-redis;help;import'= {
        }
        &'chatsky-redis;help;completions'= {
        }
        &'chatsky-redis;help;man'= {
        }
        &'chatsky-redis;help;help'= {
        }
    ]
    $completions[$command]
}
