# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_chatsky_redis_global_optspecs
    string join \n url= username= password-file= connect-timeout= timeout= read-only tls-ca-cert= tls-ca-dir= tls-cert= tls-key= tls-server-name= layout= prefix= f/format= h/help V/version
end

function __fish_chatsky_redis_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_chatsky_redis_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_chatsky_redis_using_subcommand
    set -l cmd (__fish_chatsky_redis_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s V -l version -d 'Print version'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "has" -d 'Tell whether contexts exist (EXISTS, like Chatsky\'s `contains`). Exit 0 if all exist, 1 if any is missing'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "get" -d 'Print one stored context (GET, like Chatsky\'s `get_item`)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "put" -d 'Store one context from a file or stdin (SET, like Chatsky\'s `set_item`), validated first'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "rm" -d 'Delete contexts; a missing key is not an error. Unlike Chatsky\'s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "count" -d 'Count keys (DBSIZE, like Chatsky\'s `len`, which counts every key of the db)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "clear" -d 'Delete every key of the selected db (FLUSHDB, like Chatsky\'s `clear`), after confirmation'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "ls" -d 'List stored contexts (SCAN, streaming)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "export" -d 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "import" -d 'Import contexts from JSON Lines, validating every line before anything is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "migrate" -d 'Move every context of one layout into the other (legacy to chatsky 0.10, or back), in the same db or another, each validated as the target version reads it before it is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "convert" -d 'Convert export lines into the other layout (legacy to chatsky 0.10, or back), with no Redis: what `migrate` writes, as a file'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL (see the README for where it goes)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "man" -d 'Print the man page, or write every page (one per subcommand too) into a directory'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s q -l quiet -d 'Print nothing; only the exit code answers'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l schema -d 'Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9' -r -f -a "auto\t'What the database already holds, else what the document looks like, else 0.9'
0.7\t'dff 0.7.x'
0.8\t'chatsky 0.8.0'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l check -d 'Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not, or when a pickle in it resolves globals outside the allow-list)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l schema -d 'Schema to validate and write: auto, 0.7, 0.8 or 0.9' -r -f -a "auto\t'What the database already holds, else what the document looks like, else 0.9'
0.7\t'dff 0.7.x'
0.8\t'chatsky 0.8.0'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l float-exponent -d 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)' -r -f -a "auto\t'As the document itself spells them, else the usual pydantic of the schema'
plain\t'`1e16`: pydantic 2.12 and older'
plus\t'`1e+16`: pydantic 2.13 and newer'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l allow-pickle-global -d 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. \'telegram.*\'; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l if-absent -d 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l strict -d 'Refuse a document with top-level keys that are not fields of the target version\'s Context, instead of dropping them as Chatsky does (with a note)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l match -d 'Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l any-type -d 'Delete the keys whatever they hold (plain DEL), as Chatsky\'s del_item does. Without it, `rm` refuses a key that is not a context and deletes nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s y -l yes -d 'Do not ask; for runbooks and scripts'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l exact -d 'Walk the db with SCAN and count contexts and other keys separately'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l match -d 'Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s y -l yes -d 'Do not ask; for runbooks and scripts'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l match -d 'Only keys matching this Redis glob' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l all -d 'Also list keys that are not contexts, with their type'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l match -d 'Only keys matching this Redis glob' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s o -l output -d 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l private -d 'Create the -o file readable by its owner only (0600) instead of as the umask says'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l key-field -d 'Lines are bare documents; take each key from this top-level field (e.g. `id`)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l schema -d 'Schema to validate and write: auto, 0.7, 0.8 or 0.9' -r -f -a "auto\t'What the database already holds, else what the document looks like, else 0.9'
0.7\t'dff 0.7.x'
0.8\t'chatsky 0.8.0'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l float-exponent -d 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)' -r -f -a "auto\t'As the document itself spells them, else the usual pydantic of the schema'
plain\t'`1e16`: pydantic 2.12 and older'
plus\t'`1e+16`: pydantic 2.13 and newer'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l allow-pickle-global -d 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. \'telegram.*\'; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l skip-invalid -d 'Write the valid lines and list the invalid ones, instead of writing nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l dry-run -d 'Validate only; write nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l allow-empty -d 'Succeed on an input with no contexts at all (otherwise exit 2: an empty file is usually a mistake, such as a failed export)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l canonical -d 'Store documents in Chatsky\'s canonical form instead of verbatim (verbatim keeps export→import lossless)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l if-absent -d 'Never overwrite: keep a key that already exists (SET NX). `put` then exits 4'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l strict -d 'Refuse a document with top-level keys that are not fields of the target version\'s Context, instead of dropping them as Chatsky does (with a note)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l to -d 'The layout to convert into: 0.10 (chatsky 0.10\'s hashes, under --prefix) or legacy' -r -f -a "0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'
legacy\t'The legacy layout of chatsky 0.9 (or 0.8, --schema): one string key per context'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l schema -d 'With --to legacy: the Chatsky version to write for, 0.8 or 0.9 (default 0.9). 0.8 gets its own shapes: [flow, node] labels, turns numbered from 0 without the start label, pickled None slot values' -r -f -a "0.8\t'chatsky 0.8.0: labels as [flow, node], turns from 0, no start label'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l start-label -d 'With --to 0.10: the start label (labels[0]) to give contexts that have none, FLOW:NODE as the bot\'s pipeline names it. dff 0.7 and chatsky 0.8 never stored it; without it they get none (a note), and a context with no labels at all is not converted' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l allow-pickle-global -d 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. \'telegram.*\'; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l match -d 'Only the contexts whose id matches this Redis glob (for legacy contexts, their key)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l target-url -d 'Write into this database instead of --url\'s, e.g. the new bot\'s. It is parsed like --url; its own user info or ?password= logs in and its ?ssl_*= set up TLS (the --username, --password-file and --tls-* flags are --url\'s). Keep a URL with a password in the variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l replace -d 'Overwrite the context an id already has in the target layout (without it, that context is kept and counted). A target key of another type is never overwritten'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l delete-source -d 'Delete each source context once its copy is written, after confirmation; never one that changed after it was read (a live bot\'s turn), nor one whose copy was not written'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -s y -l yes -d 'Do not ask before --delete-source; for runbooks and scripts'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l dry-run -d 'Read, convert and validate every context and look at the target, but write and delete nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l to -d 'The layout to convert into: 0.10 (chatsky 0.10\'s hashes, under --prefix) or legacy' -r -f -a "0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'
legacy\t'The legacy layout of chatsky 0.9 (or 0.8, --schema): one string key per context'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l schema -d 'With --to legacy: the Chatsky version to write for, 0.8 or 0.9 (default 0.9). 0.8 gets its own shapes: [flow, node] labels, turns numbered from 0 without the start label, pickled None slot values' -r -f -a "0.8\t'chatsky 0.8.0: labels as [flow, node], turns from 0, no start label'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l start-label -d 'With --to 0.10: the start label (labels[0]) to give contexts that have none, FLOW:NODE as the bot\'s pipeline names it. dff 0.7 and chatsky 0.8 never stored it; without it they get none (a note), and a context with no labels at all is not converted' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l allow-pickle-global -d 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. \'telegram.*\'; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -s o -l output -d 'Write to this file instead of stdout: to a temporary file beside it, renamed over it only once every line is converted (otherwise nothing is written, and an earlier FILE stays)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l private -d 'Create the -o file readable by its owner only (0600) instead of as the umask says'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l skip-invalid -d 'Write the lines that convert and list the others, instead of writing nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l allow-empty -d 'Succeed on an input with no lines at all (otherwise exit 2: an empty file is usually a mistake, such as a failed export)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l dir -d 'Write chatsky-redis.1 and a page per subcommand into this directory (e.g. ~/.local/share/man/man1) instead of printing chatsky-redis.1' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=, ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the environment variable rather than on the command line' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l username -d 'ACL username; wins over the URL\'s' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l password-file -d 'Read the password from this file (one trailing newline is dropped); wins over CHATSKY_REDIS_PASSWORD, which wins over the URL\'s password' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does)' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l timeout -d 'Seconds to wait for each reply before giving up (exit 3). Default: the URL\'s ?socket_timeout=, else as long as the server takes' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l tls-ca-cert -d 'Trust the CAs in this PEM file (instead of the URL\'s ?ssl_ca_certs=, SSL_CERT_FILE or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l tls-ca-dir -d 'Trust the CAs in the PEM files of this directory (instead of the URL\'s ?ssl_ca_path=, SSL_CERT_DIR or the system store)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l tls-cert -d 'Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may hold the key too. With --tls-key, replaces the URL\'s ?ssl_certfile= and ?ssl_keyfile=' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l tls-key -d 'The client certificate\'s private key (PEM, not encrypted)' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l tls-server-name -d 'The server\'s name as its certificate gives it: sent as SNI and verified instead of the URL\'s host, for connecting by address or through a tunnel' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l layout -d 'Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix)' -r -f -a "auto\t'Whichever holds the context: for one id, the keys that exist; for a document, its form; for walks, both'
legacy\t'dff 0.7, chatsky 0.8 and 0.9: one string key per context'
0.10\t'chatsky 0.10: a main hash and turn hashes per context, under --prefix'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l prefix -d 'chatsky 0.10\'s key prefix (RedisContextStorage\'s key_prefix). Default chatsky_keys; walks with --layout auto then take 0.10 contexts under any prefix they find' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -l read-only -d 'Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for inspecting production. The --dry-run of rm, clear, import and migrate still runs'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "has" -d 'Tell whether contexts exist (EXISTS, like Chatsky\'s `contains`). Exit 0 if all exist, 1 if any is missing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "get" -d 'Print one stored context (GET, like Chatsky\'s `get_item`)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "put" -d 'Store one context from a file or stdin (SET, like Chatsky\'s `set_item`), validated first'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "rm" -d 'Delete contexts; a missing key is not an error. Unlike Chatsky\'s `del_item` (DEL of any key), it refuses a key that is not a context unless --any-type'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "count" -d 'Count keys (DBSIZE, like Chatsky\'s `len`, which counts every key of the db)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "clear" -d 'Delete every key of the selected db (FLUSHDB, like Chatsky\'s `clear`), after confirmation'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "ls" -d 'List stored contexts (SCAN, streaming)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "export" -d 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "import" -d 'Import contexts from JSON Lines, validating every line before anything is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "migrate" -d 'Move every context of one layout into the other (legacy to chatsky 0.10, or back), in the same db or another, each validated as the target version reads it before it is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "convert" -d 'Convert export lines into the other layout (legacy to chatsky 0.10, or back), with no Redis: what `migrate` writes, as a file'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "completions" -d 'Print the shell completion script for SHELL (see the README for where it goes)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "man" -d 'Print the man page, or write every page (one per subcommand too) into a directory'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import migrate convert completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
