//! Time and memory of the photo pipeline on a 12-megapixel JPEG (4000 × 3000).
//!
//! `cargo bench -p amtfluencer-media --bench photo` prints the median of several runs per format.
//! For the peak memory of a single run: `--write PATH` saves the test photo, and
//! `--once FORMAT PATH` processes it once, under `/usr/bin/time -v` (see `bench/media.sh`).

use std::time::{Duration, Instant};

use amtfluencer_media::photo::{Format, process};
use image::ImageEncoder;

const RUNS: usize = 9;

fn twelve_megapixel_jpeg() -> Vec<u8> {
    let (width, height) = (4000u32, 3000u32);
    let mut seed = 0x9E37_79B9_u32;
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 32) as u8;
        let r = ((x * 255) / width) as u8;
        let g = ((y * 255) / height) as u8;
        image::Rgb([
            r.saturating_add(noise),
            g.saturating_add(noise),
            100 + noise,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap_or_else(|e| panic!("encode: {e}"));
    out
}

fn parse_format(name: &str) -> Format {
    match name {
        "landscape" => Format::Landscape191,
        "square" => Format::Square,
        "portrait" => Format::Portrait45,
        "original" => Format::Original,
        other => panic!("unknown format {other}; use landscape, square, portrait or original"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--write") {
        let path = args.get(pos + 1).unwrap_or_else(|| panic!("--write PATH"));
        std::fs::write(path, twelve_megapixel_jpeg()).unwrap_or_else(|e| panic!("write: {e}"));
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--once") {
        // Reads the photo from a file, so that the peak memory is the pipeline's alone.
        let format = parse_format(args.get(pos + 1).map_or("landscape", String::as_str));
        let path = args
            .get(pos + 2)
            .unwrap_or_else(|| panic!("--once FORMAT PATH"));
        let upload = std::fs::read(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        let started = Instant::now();
        let processed = process(&upload, "bench.jpg", Some(format), None)
            .unwrap_or_else(|e| panic!("process: {e}"));
        println!(
            "{format:?}: {} × {}, {} KB, {:.0} ms",
            processed.width,
            processed.height,
            processed.bytes.len() / 1024,
            started.elapsed().as_secs_f64() * 1000.0
        );
        return;
    }
    let upload = twelve_megapixel_jpeg();
    println!(
        "12-megapixel JPEG (4000 × 3000, {} KB), median of {RUNS} runs:",
        upload.len() / 1024
    );
    for format in [
        Format::Landscape191,
        Format::Original,
        Format::Square,
        Format::Portrait45,
    ] {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let processed = process(&upload, "bench.jpg", Some(format), None)
                    .unwrap_or_else(|e| panic!("process: {e}"));
                std::hint::black_box(processed);
                started.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "  {format:?}: median {:.0} ms (min {:.0}, max {:.0})",
            times[RUNS / 2].as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
            times[RUNS - 1].as_secs_f64() * 1000.0
        );
    }
}
