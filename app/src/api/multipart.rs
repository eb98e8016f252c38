//! Reading a multipart form (text fields and files) in a server function, within limits:
//! text fields up to 64 KB each, files up to the policy's size and count. Reading stops at
//! the first field over its limit, so an oversized upload is refused without buffering it.

use crate::error::AppError;
use crate::server::services::attachment::{self, Policy, Upload};
use leptos::server_fn::codec::MultipartData;
use std::collections::HashMap;

const MAX_TEXT: usize = 64 * 1024;
/// The form fields that carry files: attachments, and a content item's main image (one).
pub const FILES_FIELD: &str = "attachments";
pub const IMAGE_FIELD: &str = "image";

/// A read form: its text fields by name (every value of a repeated name, in order), and
/// its files in order.
#[derive(Debug, Default)]
pub struct Form {
    pub fields: HashMap<String, Vec<String>>,
    pub files: Vec<Upload>,
}

impl Form {
    /// The field's (last) value, or empty when the form had none.
    pub fn take(&mut self, name: &str) -> String {
        self.take_all(name).pop().unwrap_or_default()
    }

    /// Every value of the field (several checkboxes of one name).
    pub fn take_all(&mut self, name: &str) -> Vec<String> {
        self.fields.remove(name).unwrap_or_default()
    }
}

fn malformed() -> AppError {
    AppError::validation("فرم", "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.")
}

/// Reads a form whose files come in `attachments` (and one `image`).
pub async fn read(data: MultipartData, policy: &Policy) -> Result<Form, AppError> {
    read_files(data, policy, |name| {
        name == FILES_FIELD || name == IMAGE_FIELD
    })
    .await
}

/// Reads a form whose files come in the fields `is_file_field` accepts, each at most the
/// policy's count (one for `image`).
pub async fn read_files(
    data: MultipartData,
    policy: &Policy,
    is_file_field: impl Fn(&str) -> bool,
) -> Result<Form, AppError> {
    let mut multipart = data.into_inner().ok_or_else(malformed)?;
    let mut form = Form::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|_| malformed())? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let limit = match file_name {
            Some(_) => policy.max_bytes,
            None => MAX_TEXT,
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
            if bytes.len() + chunk.len() > limit {
                return Err(match &file_name {
                    Some(f) => attachment::too_large(f, policy),
                    None => AppError::validation("فرم", "متن فرستاده‌شده بیش از اندازه بلند است."),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            Some(file_name) if is_file_field(&name) => {
                if file_name.is_empty() && bytes.is_empty() {
                    continue; // a file field left empty
                }
                let same = form.files.iter().filter(|f| f.field == name).count();
                let max = if name == IMAGE_FIELD {
                    1
                } else {
                    policy.max_files
                };
                if same == max {
                    return Err(attachment::too_many(max));
                }
                form.files.push(Upload {
                    field: name,
                    file_name,
                    bytes,
                });
            }
            Some(_) => return Err(malformed()),
            None => {
                let text = String::from_utf8(bytes).map_err(|_| malformed())?;
                form.fields.entry(name).or_default().push(text);
            }
        }
    }
    Ok(form)
}
