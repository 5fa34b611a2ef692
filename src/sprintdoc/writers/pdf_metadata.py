"""The PDF's metadata and archival identity: PDF/UA-1 (accessible) and PDF/A-2a (accessible archival) at once.

A screen reader announces the title (`DisplayDocTitle`): the edition's full title,
`Sprint Notes · July 2021`, so each month's file is told apart. The XMP packet
repeats the title, author, subject, language, dates and producer of the document
information dictionary, identifies the file as PDF/UA-1 (`pdfuaid`, declared in an
extension schema as PDF/A wants) and PDF/A-2a (`pdfaid`); an sRGB output intent says
what the colours mean. `install` makes reportlab end every stream's data with an EOL
before `endstream`, as PDF/A asks (the byte is not counted in /Length).
"""

from __future__ import annotations

import datetime as dt
import functools
import struct
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format

from sprintdoc.model import Bundle
from sprintdoc.writers import CREATOR, document_date


def full_title(bundle: Bundle) -> str:
    """The document's title: the edition's title and period, as the running header shows them."""
    return f"{bundle.edition.title} · {bundle.edition.period}"


def subject(bundle: Bundle) -> str:
    """The document's subject: the period and the strapline."""
    edition = bundle.edition
    return f"{edition.period}: {edition.strapline}" if edition.strapline else edition.period


def add_xmp(doc: Any, bundle: Bundle) -> None:
    """Put the XMP packet (uncompressed) and the sRGB output intent in the catalog of `doc` (reportlab's document)."""
    packet = xmp(bundle, producer=str(doc.info.producer))
    dictionary = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    doc.Catalog.Metadata = doc.Reference(_Unfiltered(dictionary, packet.encode("utf-8")), "SprintdocXMP")
    profile = PDFStream(PDFDictionary({"N": 3}), _srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB),
        "Info": PDFString(SRGB),
        "DestOutputProfile": doc.Reference(profile, "SprintdocSRGB"),
    })  # fmt: skip
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])


SRGB = "sRGB IEC61966-2.1"


@functools.cache
def _srgb_profile() -> bytes:
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # Little CMS stamps the profile with the time it was made: a fixed date (and no profile ID, which
    # would hash it) keeps the same bundle giving the same bytes.
    profile[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
    profile[84:100] = bytes(16)
    return bytes(profile)


#: Bytes PDFDocEncoding leaves undefined (PDF 1.7, Annex D), which reportlab's `pdfdoc` codec still writes for
#: U+00AD (soft hyphen), U+007F, U+009F and most C0 controls: a reader decodes them as anything (pypdf, as UTF-16).
_NOT_PDFDOC = frozenset([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x18), 0x7F, 0x9F, 0xAD])


def in_pdfdoc(text: str) -> bool:
    """Whether a PDF text string can hold `text` in PDFDocEncoding; else it is written as UTF-16BE."""
    try:
        encoded = text.encode("pdfdoc")
    except UnicodeEncodeError:
        return False
    return not _NOT_PDFDOC.intersection(encoded)


@functools.cache
def install() -> None:
    """End every stream's data with an EOL before `endstream`, as PDF/A asks, and write every text string that
    PDFDocEncoding cannot hold as UTF-16BE (once per process)."""
    pdfdoc._checkPdfdoc = in_pdfdoc
    plain = PDFStream.format

    def format_with_eol(self: Any, document: Any) -> bytes:
        out: bytes = plain(self, document)
        if out.endswith(b"endstream\n"):  # reportlab writes the data and `endstream` with nothing between
            # CR LF, not LF alone: data that ends in a CR byte would make a lone LF read as part of a CR LF.
            out = out[: -len(b"endstream\n")] + b"\r\nendstream\n"
        return out

    PDFStream.format = format_with_eol


class _Unfiltered(PDFStream):  # type: ignore[misc]  # reportlab is untyped
    """A stream written as it is, with no /Filter key at all (PDF/A wants the metadata so)."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return bytes(
            pdf_format(dictionary, document) + b"\nstream\n" + pdf_format(content, document) + b"\nendstream\n"
        )


def xmp(bundle: Bundle, producer: str) -> str:
    """The XMP packet of the PDF of `bundle`."""
    edition = bundle.edition
    when = _iso(document_date(bundle))

    def text(value: str) -> str:
        return escape(value)

    author = f"<dc:creator><rdf:Seq><rdf:li>{text(edition.publisher or '')}</rdf:li></rdf:Seq></dc:creator>"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(full_title(bundle))}</rdf:li></rdf:Alt></dc:title>
   {author if edition.publisher else ""}
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(subject(bundle))}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(edition.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{text(producer)}</pdf:Producer>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
