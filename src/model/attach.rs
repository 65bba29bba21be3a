//! Message attachments (spec 2.6): chatsky 0.8's closed union, chatsky 0.9's union with the
//! free-form catch-all, and dff 0.7's `{"files": [...]}`.

use super::tree::{Map, Value};

use super::coerce::{lax_bool, lax_float, lax_int, truthy};
use super::message::{field, opt_str, pickle_entries, plain_extras};
use super::writer::{room, Res, Writer};
use super::Schema;

const TAG: &str = "chatsky_attachment_type";
/// The attachment classes of `Message.attachments`, in union order (pydantic's smart union
/// picks the first one that validates when none is an exact match, which is always the case
/// for dict input).
const UNION: &[&str] = &[
    "callback_query",
    "location",
    "contact",
    "invoice",
    "poll",
    "audio",
    "video",
    "animation",
    "image",
    "sticker",
    "document",
    "voice_message",
    "video_message",
    "media_group",
];
const DATA_FIELDS: &[&str] = &[TAG, "source", "use_cache", "cached_filename", "id"];

/// `Message.attachments` (0.8/0.9): a list.
pub(crate) fn attachments<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Array(items) = v else {
        return Err(w.expected("a list of attachments or null", Some(v)));
    };
    w.list(items, attachment)
}

fn attachment<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("an attachment object", Some(v)));
    };
    let candidates: &[&str] = match map.get(TAG) {
        // The tag is a Literal in every class, so only the class it names can fit.
        Some(Value::String(t)) => match UNION.iter().position(|k| k == t) {
            Some(i) => &UNION[i..=i],
            None => &[],
        },
        Some(_) => &[],
        None => UNION,
    };
    let mut first_err = None;
    for kind in candidates {
        let mark = w.mark();
        match typed(w, kind, map) {
            Ok(()) => {
                if !map.contains_key(TAG) {
                    w.note_once("tag-added", || {
                        "untagged attachments got their chatsky_attachment_type written out".into()
                    });
                }
                return Ok(());
            }
            Err(f) if f.fatal => return Err(f),
            Err(f) => {
                w.rollback(&mark);
                first_err.get_or_insert(f);
            }
        }
    }
    if w.schema() >= Schema::V09 {
        return catch_all(w, map);
    }
    Err(first_err.unwrap_or_else(|| {
        w.expected(
            "an attachment with a known chatsky_attachment_type (chatsky 0.8)",
            map.get(TAG),
        )
    }))
}

/// 0.9's `DataModel` member: any object, written back with its own keys.
fn catch_all<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res {
    let path = w.path_string();
    w.note(format!(
        "attachment {path} fits no attachment class; chatsky 0.9 keeps it as a free-form DataModel"
    ));
    w.raw("{");
    pickle_entries(w, map, &[], true, room::ATTACHMENT)?;
    w.raw("}");
    Ok(())
}

fn typed<'a>(w: &mut Writer<'a>, kind: &'static str, map: &'a Map<'a>) -> Res {
    w.raw("{\"chatsky_attachment_type\":");
    w.str(kind);
    let declared: &[&str] = match kind {
        "callback_query" => callback_query(w, map)?,
        "location" => location(w, map)?,
        "contact" => contact(w, map)?,
        "invoice" => invoice(w, map)?,
        "poll" => poll(w, map)?,
        "media_group" => media_group(w, map)?,
        _ => data_fields(w, map)?,
    };
    pickle_entries(w, map, declared, false, room::ATTACHMENT)?;
    w.raw("}");
    Ok(())
}

/// A required field: write `,"key":` and validate the value with `f`.
fn required<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    key: &'a str,
    what: &str,
    f: fn(&mut Writer<'a>, &'a Value<'a>) -> Option<()>,
) -> Res {
    w.key(key, false);
    w.push(key);
    match map.get(key) {
        Some(v) if f(w, v).is_some() => {
            w.pop();
            Ok(())
        }
        other => Err(w.expected(what, other)),
    }
}

fn str_value<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Option<()> {
    v.as_str().map(|s| w.str(s))
}

fn opt_str_value<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Option<()> {
    match v {
        Value::Null => {
            w.raw("null");
            Some(())
        }
        _ => str_value(w, v),
    }
}

fn float_value<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Option<()> {
    lax_float(v).map(|x| w.float(x))
}

fn int_value<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Option<()> {
    lax_int(v).map(|(i, _)| w.raw(&i))
}

fn callback_query<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    if w.schema() == Schema::V08 {
        required(w, map, "query_string", "a string or null", opt_str_value)?;
    } else {
        required(w, map, "query_string", "a string", str_value)?;
    }
    Ok(&[TAG, "query_string"])
}

fn location<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    required(w, map, "longitude", "a number", float_value)?;
    required(w, map, "latitude", "a number", float_value)?;
    Ok(&[TAG, "longitude", "latitude"])
}

fn contact<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    required(w, map, "phone_number", "a string", str_value)?;
    required(w, map, "first_name", "a string", str_value)?;
    required(w, map, "last_name", "a string or null", opt_str_value)?;
    Ok(&[TAG, "phone_number", "first_name", "last_name"])
}

fn invoice<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    required(w, map, "title", "a string", str_value)?;
    required(w, map, "description", "a string", str_value)?;
    required(w, map, "currency", "a string", str_value)?;
    required(w, map, "amount", "an integer", int_value)?;
    Ok(&[TAG, "title", "description", "currency", "amount"])
}

fn poll<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    required(w, map, "question", "a string", str_value)?;
    w.raw(",\"options\":");
    w.push("options");
    let Some(Value::Array(options)) = map.get("options") else {
        return Err(w.expected("a list of poll options", map.get("options")));
    };
    w.list(options, poll_option)?;
    w.pop();
    Ok(&[TAG, "question", "options"])
}

/// `PollOption`: its tag is declared last, so it is written last.
fn poll_option<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("a poll option object", Some(v)));
    };
    w.raw("{\"text\":");
    w.push("text");
    match map.get("text") {
        Some(Value::String(s)) => w.str(s),
        other => return Err(w.expected("a string", other)),
    }
    w.pop();
    w.raw(",\"votes\":");
    match map.get("votes") {
        None => w.raw("0"),
        Some(v) => {
            w.push("votes");
            int_value(w, v).ok_or_else(|| w.expected("an integer", Some(v)))?;
            w.pop();
        }
    }
    literal_tag(w, map, "poll_option")?;
    w.raw(",\"chatsky_attachment_type\":\"poll_option\"");
    pickle_entries(
        w,
        map,
        &["text", "votes", TAG],
        false,
        room::NESTED_ATTACHMENT,
    )?;
    w.raw("}");
    Ok(())
}

fn literal_tag(w: &mut Writer<'_>, map: &Map<'_>, want: &str) -> Res {
    match map.get(TAG) {
        None => Ok(()),
        Some(Value::String(t)) if t == want => Ok(()),
        Some(other) => Err(w.invalid(format!(
            "expected chatsky_attachment_type {want:?}, found {}",
            super::writer::describe(other)
        ))),
    }
}

fn media_group<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    w.raw(",\"group\":");
    optional_list(
        w,
        map,
        "group",
        "a list of media attachments",
        group_element,
    )?;
    Ok(&[TAG, "group"])
}

/// `Union[Audio, Video, Image, Document, DataAttachment]`: an untagged element is an Audio,
/// any other string tag is a generic DataAttachment with the same fields.
fn group_element<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("a media attachment object", Some(v)));
    };
    let tag = match map.get(TAG) {
        None => "audio",
        Some(Value::String(t)) => t.as_str(),
        Some(other) => return Err(w.expected("a string chatsky_attachment_type", Some(other))),
    };
    w.raw("{\"chatsky_attachment_type\":");
    w.str(tag);
    data_fields(w, map)?;
    pickle_entries(w, map, DATA_FIELDS, false, room::NESTED_ATTACHMENT)?;
    w.raw("}");
    Ok(())
}

/// A list field with default `[]`.
fn optional_list<'a>(
    w: &mut Writer<'a>,
    map: &'a Map<'a>,
    key: &'a str,
    what: &str,
    each: fn(&mut Writer<'a>, &'a Value<'a>) -> Res,
) -> Res {
    let Some(v) = map.get(key) else {
        w.raw("[]");
        return Ok(());
    };
    w.push(key);
    let Value::Array(items) = v else {
        return Err(w.expected(what, Some(v)));
    };
    w.list(items, each)?;
    w.pop();
    Ok(())
}

/// Fields of a `DataAttachment` (audio, image, …): exactly one of `source` and `id`.
fn data_fields<'a>(w: &mut Writer<'a>, map: &'a Map<'a>) -> Res<&'static [&'static str]> {
    exactly_one_source(w, map)?;
    w.raw(",\"source\":");
    field(w, map, "source", source)?;
    w.raw(",\"use_cache\":");
    match map.get("use_cache") {
        None => w.raw("true"),
        Some(v) => {
            w.push("use_cache");
            let b = lax_bool(v).ok_or_else(|| w.expected("a boolean", Some(v)))?;
            w.raw(if b { "true" } else { "false" });
            w.pop();
        }
    }
    w.raw(",\"cached_filename\":");
    field(w, map, "cached_filename", |w, v| match v {
        Value::String(p) => {
            w.str(&normalise_path(p));
            Ok(())
        }
        other => Err(w.expected("a file path string or null", Some(other))),
    })?;
    w.raw(",\"id\":");
    opt_str(w, map, "id")?;
    Ok(DATA_FIELDS)
}

fn exactly_one_source(w: &Writer<'_>, map: &Map<'_>) -> Res {
    if truthy(map.get("source")) == truthy(map.get("id")) {
        return Err(
            w.invalid("expected exactly one of `source` and `id` to be set (non-empty)".into())
        );
    }
    Ok(())
}

/// `Optional[Union[HttpUrl, FilePath]]`.
fn source<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let s = match v {
        Value::String(s) if !s.is_empty() => s,
        _ => return Err(w.expected("an http(s) URL, a local file path or null", Some(v))),
    };
    // Contexts repeat URLs (a picture sent again, a media group): parse each one once.
    if let Some(i) = w.urls.iter().position(|(seen, _)| *seen == s.as_str()) {
        let normal = std::mem::take(&mut w.urls[i].1);
        write_url(w, s, &normal);
        w.urls[i].1 = normal;
        return Ok(());
    }
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => http_url(w, s, &u),
        Ok(u) => Err(w.invalid(format!(
            "expected an http(s) URL or a local file path, found a {}: URL {s:?}",
            u.scheme()
        ))),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let path = w.path_string();
            w.note(format!(
                "{path}: local path {s:?} accepted without checking it exists on the bot's disk \
                 (Chatsky requires an existing file)"
            ));
            w.str(&normalise_path(s));
            Ok(())
        }
        Err(e) => Err(w.invalid(format!("expected an http(s) URL or a local file path: {e}"))),
    }
}

/// pydantic's `HttpUrl`: WHATWG normalisation, a host, at most 2083 characters.
fn http_url<'a>(w: &mut Writer<'a>, input: &'a str, u: &url::Url) -> Res {
    if u.host_str().is_none_or(str::is_empty) {
        return Err(w.invalid(format!(
            "expected an http(s) URL with a host, found {input:?}"
        )));
    }
    if input.len() > 2083 && input.chars().count() > 2083 {
        return Err(w.invalid("expected a URL of at most 2083 characters".into()));
    }
    write_url(w, input, u.as_str());
    w.urls.push((input, u.as_str().to_string()));
    Ok(())
}

/// Write a valid http(s) URL in its normal form, noting when that differs from the input.
fn write_url(w: &mut Writer<'_>, input: &str, normal: &str) {
    if normal != input {
        let path = w.path_string();
        w.note(format!("{path}: URL {input:?} normalised to {normal:?}"));
    }
    w.str(normal);
}

/// `str(pathlib.PurePosixPath(p))`: repeated and trailing slashes and `.` components go.
fn normalise_path(p: &str) -> String {
    let root = if p.starts_with("//") && !p.starts_with("///") {
        "//"
    } else if p.starts_with('/') {
        "/"
    } else {
        ""
    };
    let parts: Vec<&str> = p
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let joined = parts.join("/");
    match (root, joined.is_empty()) {
        ("", true) => ".".into(),
        (r, _) => format!("{r}{joined}"),
    }
}

/// dff 0.7's `Attachments`: `{"files": [Attachment…], …extras}`.
pub(crate) fn attachments07<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("an object {\"files\": [...]} or null (dff 0.7)", Some(v)));
    };
    w.raw("{\"files\":");
    optional_list(w, map, "files", "a list of file attachments", attachment07)?;
    plain_extras(w, map, &["files"], false, room::MESSAGE_PART_07);
    w.raw("}");
    Ok(())
}

fn attachment07<'a>(w: &mut Writer<'a>, v: &'a Value<'a>) -> Res {
    let Value::Object(map) = v else {
        return Err(w.expected("a file attachment object", Some(v)));
    };
    exactly_one_source(w, map)?;
    w.raw("{\"source\":");
    field(w, map, "source", source)?;
    w.raw(",\"id\":");
    opt_str(w, map, "id")?;
    w.raw(",\"title\":");
    opt_str(w, map, "title")?;
    plain_extras(w, map, &["source", "id", "title"], false, room::ATTACHMENT);
    w.raw("}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalise_path;

    #[test]
    fn paths_like_pathlib() {
        for (p, want) in [
            ("/tmp//x/./y/", "/tmp/x/y"),
            ("a/../b", "a/../b"),
            ("//srv/x", "//srv/x"),
            ("///srv", "/srv"),
            ("", "."),
            ("./", "."),
            ("/", "/"),
        ] {
            assert_eq!(normalise_path(p), want, "{p:?}");
        }
    }
}
