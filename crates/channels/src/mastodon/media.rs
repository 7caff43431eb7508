//! Image upload: `POST /api/v2/media`, then, while the instance still processes it (202),
//! polling `GET /api/v1/media/:id` until it has a `url`, a bounded number of times.

use reqwest::header::ACCEPT;
use reqwest::{Method, StatusCode};
use serde::Deserialize;

use super::{MastodonChannel, segment};
use crate::http::{read_json, send};
use crate::{AccessToken, ChannelError, Image};

#[derive(Deserialize)]
struct Attachment {
    id: String,
    url: Option<String>,
}

fn file_name(mime: &str) -> &'static str {
    match mime {
        "image/png" => "bild.png",
        "image/gif" => "bild.gif",
        "image/webp" => "bild.webp",
        _ => "bild.jpg",
    }
}

impl MastodonChannel {
    /// Uploads an image with its alt text and returns the attachment id once it is usable.
    pub(super) async fn upload_media(
        &self,
        token: &AccessToken,
        image: &Image,
    ) -> Result<String, ChannelError> {
        let part = reqwest::multipart::Part::bytes(image.bytes.clone())
            .file_name(file_name(&image.mime))
            .mime_str(&image.mime)
            .map_err(|_| ChannelError::Rejected {
                message: format!("Unbekannter Bildtyp {}.", image.mime),
            })?;
        let form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("description", image.alt_text.clone());
        let req = self
            .request(Method::POST, "/api/v2/media", token)
            .header(ACCEPT, "application/json")
            .multipart(form);
        let res = send(req).await?;
        let status = res.status();
        if !status.is_success() {
            return Err(match self.error(res).await {
                ChannelError::Rejected { message } => ChannelError::Rejected {
                    message: format!("Das Bild wurde nicht angenommen ({message})."),
                },
                other => other,
            });
        }
        let attachment: Attachment = read_json(res, "Mastodon media").await?;
        if attachment.url.is_some() && status == StatusCode::OK {
            return Ok(attachment.id);
        }
        self.wait_for_media(token, &attachment.id).await
    }

    async fn wait_for_media(&self, token: &AccessToken, id: &str) -> Result<String, ChannelError> {
        let path = format!("/api/v1/media/{}", segment(id));
        for _ in 0..self.options.media_poll_attempts {
            tokio::time::sleep(self.options.media_poll_interval).await;
            let req = self
                .request(Method::GET, &path, token)
                .header(ACCEPT, "application/json");
            let res = send(req).await?;
            match res.status() {
                // 206: still processing.
                StatusCode::PARTIAL_CONTENT => continue,
                StatusCode::OK => {
                    let a: Attachment = read_json(res, "Mastodon media").await?;
                    if a.url.is_some() {
                        return Ok(a.id);
                    }
                }
                _ => return Err(self.error(res).await),
            }
        }
        Err(ChannelError::Unavailable {
            detail: format!("media {id} still processing"),
        })
    }
}
