"""Body blocks shared by every page type that has a rich body."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "image",
    "blockquote",
    "hr",
]


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    alt = blocks.CharBlock(label="Văn bản thay thế (alt)", help_text="Mô tả ngắn nội dung ảnh cho người khiếm thị")
    caption = blocks.CharBlock(label="Chú thích", required=False)

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "core/blocks/figure.html"


class BodyTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = "Bảng"
        template = "core/blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Đoạn văn")
    figure = FigureBlock()
    table = BodyTableBlock(
        table_options={"contextMenu": ["row_above", "row_below", "col_left", "col_right", "remove_row", "remove_col"]}
    )

    class Meta:
        label = "Nội dung"
