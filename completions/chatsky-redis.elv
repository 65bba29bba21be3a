
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
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand has 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing'
            cand get 'Print one stored context (GET, like Chatsky''s `get_item`)'
            cand put 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first'
            cand rm 'Delete contexts (DEL, like Chatsky''s `del_item`); a missing key is not an error'
            cand count 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)'
            cand clear 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation'
            cand ls 'List stored contexts (SCAN, streaming)'
            cand export 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
            cand import 'Import contexts from JSON Lines, validating every line before anything is written'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatsky-redis;has'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -q 'Print nothing; only the exit code answers'
            cand --quiet 'Print nothing; only the exit code answers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;get'= {
            cand --schema 'Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --check 'Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not, or when a pickle in it resolves globals outside the allow-list)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;put'= {
            cand --schema 'Schema to validate and write: auto, 0.7, 0.8 or 0.9'
            cand --float-exponent 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)'
            cand --allow-pickle-global 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --allow-unsafe-pickles 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
            cand --if-absent 'Never overwrite: keep a key that already exists (SET NX)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;rm'= {
            cand --match 'Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -y 'Do not ask; for runbooks and scripts'
            cand --yes 'Do not ask; for runbooks and scripts'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;count'= {
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --exact 'Walk the db with SCAN and count contexts and other keys separately'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;clear'= {
            cand --match 'Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -y 'Do not ask; for runbooks and scripts'
            cand --yes 'Do not ask; for runbooks and scripts'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;ls'= {
            cand --match 'Only keys matching this Redis glob'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --all 'Also list keys that are not contexts, with their type'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;export'= {
            cand --match 'Only keys matching this Redis glob'
            cand -o 'Write to this file instead of stdout'
            cand --output 'Write to this file instead of stdout'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;import'= {
            cand --key-field 'Lines are bare documents; take each key from this top-level field (e.g. `id`)'
            cand --schema 'Schema to validate and write: auto, 0.7, 0.8 or 0.9'
            cand --float-exponent 'Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13)'
            cand --allow-pickle-global 'Also let pickles resolve these Python globals, for this run: a glob over `module.name` (e.g. ''telegram.*''; a wildcard matches no dotted or dunder name). Repeatable; several may be given separated by commas or spaces'
            cand --url 'Redis URL, parsed like Chatsky''s Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N], rediss:// for TLS, unix:///path/to/socket?db=N'
            cand --connect-timeout 'Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL''s ?socket_connect_timeout='
            cand -f 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --format 'Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people). Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text'
            cand --skip-invalid 'Write the valid lines and list the invalid ones, instead of writing nothing'
            cand --dry-run 'Validate only; write nothing'
            cand --canonical 'Store documents in Chatsky''s canonical form instead of verbatim (verbatim keeps export→import lossless)'
            cand --allow-unsafe-pickles 'Store pickles that resolve Python globals outside the allow-list (they run code in the bot), or whose loading cannot be predicted'
            cand --if-absent 'Never overwrite: keep a key that already exists (SET NX)'
            cand -q 'No progress bar'
            cand --quiet 'No progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatsky-redis;help'= {
            cand has 'Tell whether contexts exist (EXISTS, like Chatsky''s `contains`). Exit 0 if all exist, 1 if any is missing'
            cand get 'Print one stored context (GET, like Chatsky''s `get_item`)'
            cand put 'Store one context from a file or stdin (SET, like Chatsky''s `set_item`), validated first'
            cand rm 'Delete contexts (DEL, like Chatsky''s `del_item`); a missing key is not an error'
            cand count 'Count keys (DBSIZE, like Chatsky''s `len`, which counts every key of the db)'
            cand clear 'Delete every key of the selected db (FLUSHDB, like Chatsky''s `clear`), after confirmation'
            cand ls 'List stored contexts (SCAN, streaming)'
            cand export 'Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim'
            cand import 'Import contexts from JSON Lines, validating every line before anything is written'
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
        &'chatsky-redis;help;help'= {
        }
    ]
    $completions[$command]
}
