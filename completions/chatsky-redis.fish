# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_chatsky_redis_global_optspecs
    string join \n url= connect-timeout= f/format= h/help V/version
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

complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -s V -l version -d 'Print version'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "has" -d 'Tell whether contexts exist (EXISTS, like Chatsky\'s `contains`). Exit 0 if all exist, 1 if any is missing'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "get" -d 'Print one stored context (GET, like Chatsky\'s `get_item`)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "put" -d 'Store one context from a file or stdin (SET, like Chatsky\'s `set_item`), validated first'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "rm" -d 'Delete contexts (DEL, like Chatsky\'s `del_item`); a missing key is not an error'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "count" -d 'Count keys (DBSIZE, like Chatsky\'s `len`, which counts every key of the db)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "clear" -d 'Delete every key of the selected db (FLUSHDB, like Chatsky\'s `clear`), after confirmation'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "ls" -d 'List stored contexts (SCAN, streaming)'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "export" -d 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "import" -d 'Import contexts from JSON Lines, validating every line before anything is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s q -l quiet -d 'Print nothing; only the exit code answers'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand has" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l schema -d 'Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9' -r -f -a "auto\t'What the database already holds, else what the document looks like, else 0.9'
0.7\t'dff 0.7.x'
0.8\t'chatsky 0.8.0'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -l check -d 'Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not, or when a pickle in it resolves globals outside the allow-list)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l schema -d 'Schema to validate and write: auto, 0.7, 0.8 or 0.9' -r -f -a "auto\t'What the database already holds, else what the document looks like, else 0.9'
0.7\t'dff 0.7.x'
0.8\t'chatsky 0.8.0'
0.9\t'chatsky 0.9.0'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l float-exponent -d 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)' -r -f -a "auto\t'As the document itself spells them, else the usual pydantic of the schema'
plain\t'`1e16`: pydantic 2.12 and older'
plus\t'`1e+16`: pydantic 2.13 and newer'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l allow-pickle-global -d 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. \'telegram.*\'; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -l if-absent -d 'Never overwrite: keep a key that already exists (SET NX)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l match -d 'Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s y -l yes -d 'Do not ask; for runbooks and scripts'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -l exact -d 'Walk the db with SCAN and count contexts and other keys separately'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l match -d 'Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s y -l yes -d 'Do not ask; for runbooks and scripts'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l match -d 'Only keys matching this Redis glob' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -l all -d 'Also list keys that are not contexts, with their type'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l match -d 'Only keys matching this Redis glob' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand export" -s q -l quiet -d 'No progress bar'
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
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l url -d 'Redis URL, parsed like Chatsky\'s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l connect-timeout -d 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL\'s ?socket_connect_timeout=' -r
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s f -l format -d 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text' -r -f -a "json\t'One compact JSON document per result (a stored context is printed byte for byte)'
pretty\t'Indented JSON'
table\t'A table for people'"
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l skip-invalid -d 'Write the valid lines and list the invalid ones, instead of writing nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l dry-run -d 'Validate only; write nothing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l canonical -d 'Store documents in Chatsky\'s canonical form instead of verbatim (verbatim keeps export→import lossless)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l allow-unsafe-pickles -d 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -l if-absent -d 'Never overwrite: keep a key that already exists (SET NX)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s q -l quiet -d 'No progress bar'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "has" -d 'Tell whether contexts exist (EXISTS, like Chatsky\'s `contains`). Exit 0 if all exist, 1 if any is missing'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "get" -d 'Print one stored context (GET, like Chatsky\'s `get_item`)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "put" -d 'Store one context from a file or stdin (SET, like Chatsky\'s `set_item`), validated first'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "rm" -d 'Delete contexts (DEL, like Chatsky\'s `del_item`); a missing key is not an error'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "count" -d 'Count keys (DBSIZE, like Chatsky\'s `len`, which counts every key of the db)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "clear" -d 'Delete every key of the selected db (FLUSHDB, like Chatsky\'s `clear`), after confirmation'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "ls" -d 'List stored contexts (SCAN, streaming)'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "export" -d 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "import" -d 'Import contexts from JSON Lines, validating every line before anything is written'
complete -c chatsky-redis -n "__fish_chatsky_redis_using_subcommand help; and not __fish_seen_subcommand_from has get put rm count clear ls export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
