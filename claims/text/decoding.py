"""Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK and Big5."""

from __future__ import annotations

import codecs

from .scripts import HAN

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]

# The commonest Chinese characters in both scripts. Big5 bytes decoded as GBK (and the reverse) give
# rare characters instead, which is how the two legacy encodings are told apart.
COMMON_HAN = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利"
    "比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文"
    "总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干"
    "做必战先回则任取据处府研质信网络安全际合作互联美家網絡際們這個國會為說來時對經發動過後實現業與開關體"
    "於問間義將當點從應還進種無係報導戰協議議論權記員萬億際聯盟"
)


class DecodeError(ValueError):
    """The bytes are not text in an encoding claimtrack reads; the message says why."""


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text file: NUL bytes (outside UTF-16/32) or many control characters."""
    if any(data.startswith(bom) for bom, _ in BOMS if bom not in (codecs.BOM_UTF8,)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 100)


def _common_share(text: str) -> tuple[float, int]:
    han = HAN.findall(text)
    if not han:
        return 1.0, 0
    return sum(1 for ch in han if ch in COMMON_HAN) / len(han), len(han)


def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding) or raise DecodeError naming the problem."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable bytes: invalid {encoding} at byte {exc.start}") from None
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share, count = _common_share(text)
        candidates.append((share, encoding, text, count))
    if candidates:
        share, encoding, text, count = max(candidates)
        # Latin-1 or other bytes that happen to form valid GBK pairs give few, all-uncommon characters.
        if share >= 0.2 or count < 3:
            return text, encoding
    raise DecodeError(f"undecodable bytes: not UTF-8 (bad byte at {utf8_error}), UTF-16, GB18030 or Big5")
