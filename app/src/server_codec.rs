//! How server functions travel: JSON both ways, read from text.
//!
//! Leptos's defaults would URL-encode the arguments (serde_qs) and read
//! responses with `serde_json::from_slice`. Resources read their hydration
//! data with `serde_json::from_str`, and the page reads scenarios (links,
//! drafts) the same way; every type read both ways would be compiled twice
//! into the wasm, and serde_qs's serializer once more for the arguments. One
//! reader and one writer for everything keep the first-page download down
//! (docs/performance.md, "Bundle").

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON read through `serde_json::from_str` (see the module comment).
pub struct JsonText;

/// Arguments and results as JSON in a `POST` body.
pub type Json = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonText;
    use leptos::server_fn::{Decodes, Encodes};

    #[test]
    fn round_trips_and_names_bad_input() {
        let value = (String::from("plan"), Some(3_u32));
        let bytes = <JsonText as Encodes<_>>::encode(&value).unwrap();
        assert_eq!(&bytes[..], br#"["plan",3]"#);
        let back: (String, Option<u32>) = JsonText::decode(bytes).unwrap();
        assert_eq!(back, value);
        let invalid_utf8 = leptos::server_fn::Bytes::from_static(b"\"\xff\"");
        assert!(<JsonText as Decodes<String>>::decode(invalid_utf8).is_err());
        let wrong_type = leptos::server_fn::Bytes::from_static(b"\"three\"");
        let error = <JsonText as Decodes<u32>>::decode(wrong_type).unwrap_err();
        assert!(error.to_string().contains("expected u32"), "{error}");
    }
}
