//! The report as a PDF, written in-process: A4 pages in the PDF standard fonts Helvetica and
//! Helvetica-Bold (every viewer has them, so nothing is embedded) with WinAnsi encoding, which
//! covers German. Text is wrapped by the fonts' metrics, tables and lists run across pages,
//! each page has a footer with the authority's name and the page number, and the headings are
//! the document outline. The document language and title are set for assistive technology.

mod chart;
mod layout;
mod metrics;
mod table;
mod text;

use pdf_writer::types::PageMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use self::layout::{FOOTER_Y, Flow, MARGIN, Op, PAGE_H, PAGE_W};
use self::text::{Font, encode, width};
use super::document::{Block, Document};
use super::words::Words;

/// Lays the document out and writes the PDF.
pub fn render(doc: &Document, w: &Words) -> Vec<u8> {
    let flow = lay_out(doc, w);
    write(doc, w, &flow)
}

fn lay_out(doc: &Document, w: &Words) -> Flow {
    let mut flow = Flow::new();
    flow.paragraph(Font::Regular, 12.0, 0.0, &doc.authority);
    flow.space(4.0);
    flow.heading(20.0, &doc.title, 40.0, false);
    for line in &doc.byline {
        flow.paragraph(Font::Regular, 9.5, 0.0, line);
    }
    flow.space(10.0);
    for section in &doc.sections {
        flow.space(6.0);
        flow.heading(14.0, &section.heading, 40.0, true);
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    flow.paragraph(Font::Regular, 10.0, 0.0, p);
                    flow.space(4.0);
                }
                Block::Subheading(h) => flow.heading(11.0, h, 24.0, false),
                Block::Bullets(items) => flow.bullets(10.0, items),
                Block::Chart(c) => chart::chart(&mut flow, w, c),
                Block::Table(t) => table::table(&mut flow, w, t),
            }
        }
    }
    flow
}

fn colour(c: &mut Content, rgb: [f32; 3], fill: bool) {
    if fill {
        c.set_fill_rgb(rgb[0], rgb[1], rgb[2]);
    } else {
        c.set_stroke_rgb(rgb[0], rgb[1], rgb[2]);
    }
}

fn content(ops: &[Op], footer: (&str, &str)) -> Vec<u8> {
    let mut c = Content::new();
    for op in ops {
        match op {
            Op::Text {
                font,
                size,
                x,
                y,
                text,
            } => {
                c.begin_text();
                c.set_font(Name(font.resource()), *size);
                c.next_line(*x, *y);
                c.show(Str(&encode(text)));
                c.end_text();
            }
            Op::Fill { x, y, w, h, gray } => {
                c.set_fill_gray(*gray);
                c.rect(*x, *y, *w, *h);
                c.fill_nonzero();
                c.set_fill_gray(0.0);
            }
            Op::FillRgb { x, y, w, h, rgb } => {
                colour(&mut c, *rgb, true);
                c.rect(*x, *y, *w, *h);
                c.fill_nonzero();
                c.set_fill_gray(0.0);
            }
            Op::Line { points, width, rgb } => {
                let Some((first, rest)) = points.split_first() else {
                    continue;
                };
                colour(&mut c, *rgb, false);
                c.set_line_width(*width);
                c.move_to(first.0, first.1);
                for p in rest {
                    c.line_to(p.0, p.1);
                }
                c.stroke();
            }
        }
    }
    let (left, right) = footer;
    c.set_fill_gray(0.3);
    for (x, text) in [
        (MARGIN, left),
        (PAGE_W - MARGIN - width(Font::Regular, 8.0, right), right),
    ] {
        c.begin_text();
        c.set_font(Name(Font::Regular.resource()), 8.0);
        c.next_line(x, FOOTER_Y);
        c.show(Str(&encode(text)));
        c.end_text();
    }
    miniz_oxide::deflate::compress_to_vec_zlib(&c.finish().into_vec(), 6)
}

/// Footer text on the left, cut to leave room for the page number.
fn footer_left(doc: &Document) -> String {
    let mut s = format!("{} · {}", doc.authority, doc.title);
    let room = PAGE_W - 2.0 * MARGIN - 90.0;
    while width(Font::Regular, 8.0, &s) > room && s.pop().is_some() {}
    s
}

fn write(doc: &Document, w: &Words, flow: &Flow) -> Vec<u8> {
    let mut next = 1;
    let mut id = || {
        next += 1;
        Ref::new(next - 1)
    };
    let (catalog, tree, info, outline) = (id(), id(), id(), id());
    let (regular, bold) = (id(), id());
    let pages: Vec<(Ref, Ref)> = flow.pages.iter().map(|_| (id(), id())).collect();
    let items: Vec<Ref> = flow.marks.iter().map(|_| id()).collect();
    let mut pdf = Pdf::new();
    let lang = w.lang.code();
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree)
        .lang(TextStr(lang))
        .page_mode(PageMode::UseOutlines);
    if !items.is_empty() {
        cat.outlines(outline);
    }
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .author(TextStr(&doc.authority))
        .subject(TextStr(&doc.byline.join(" ")))
        .creator(TextStr("Amtfluencer"));
    pdf.pages(tree)
        .kids(pages.iter().map(|p| p.0))
        .count(pages.len() as i32);
    for (font_id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(font_id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let left = footer_left(doc);
    let total = pages.len().to_string();
    for (i, ((page_id, content_id), ops)) in pages.iter().zip(&flow.pages).enumerate() {
        let number = w.ta(
            "report-page-of",
            &[("n", &(i + 1).to_string()), ("total", &total)],
        );
        let data = content(ops, (&left, &number));
        pdf.stream(*content_id, &data).filter(Filter::FlateDecode);
        let mut page = pdf.page(*page_id);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .contents(*content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(Font::Regular.resource()), regular);
        fonts.pair(Name(Font::Bold.resource()), bold);
    }
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        pdf.outline(outline)
            .first(*first)
            .last(*last)
            .count(items.len() as i32);
        for (k, (item, mark)) in items.iter().zip(&flow.marks).enumerate() {
            let mut o = pdf.outline_item(*item);
            o.title(TextStr(&mark.title)).parent(outline);
            if k > 0 {
                o.prev(items[k - 1]);
            }
            if let Some(n) = items.get(k + 1) {
                o.next(*n);
            }
            if let Some((page_id, _)) = pages.get(mark.page) {
                o.dest().page(*page_id).xyz(0.0, mark.y + 20.0, None);
            }
        }
    }
    pdf.finish()
}
