"""Currencies: the signs, codes and words amounts are written with, and what a bare 元 means in a text."""

from __future__ import annotations

import re

from .scripts import HAN

# Signs and codes before an amount; a dollar sign after letters is that country's dollar (NZ$, HK$).
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD", "A$": "AUD", "AU$": "AUD",
                  "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY",
                  "₹": "INR", "₩": "KRW", "₦": "NGN", "₱": "PHP", "₫": "VND", "฿": "THB", "GH¢": "GHS", "GH₵": "GHS",
                  "RM": "MYR", "Rp": "IDR", "Rs": "INR", "Rs.": "INR", "RMB": "CNY", "MOP$": "MOP", "R$": "BRL",
                  "KSh": "KES", "Ksh": "KES", "TSh": "TZS", "USh": "UGX", "Tk": "BDT", "Tk.": "BDT",
                  "Sh": "KES", "Dh": "AED", "Dhs": "AED", "R": "ZAR"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "HKD", "TWD", "CNY", "SGD", "JPY", "INR", "AUD", "KRW", "MYR", "NZD", "GHS",
                  "NGN", "PHP", "IDR", "THB", "VND", "CAD", "CHF", "MOP", "KES", "BRL", "ZAR", "AED", "SAR", "QAR",
                  "NOK", "SEK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "UAH", "RUB", "KZT", "UZS",
                  "PKR", "LKR", "BDT", "NPR", "MMK", "KHR", "LAK", "MNT", "FJD", "PGK", "EGP", "MAD", "TZS", "UGX",
                  "RWF", "XOF", "XAF", "MXN", "ARS", "CLP", "COP", "PEN", "ILS")
# A sign of letters is a word of its own ("R612 million", not the end of "CVE-R"); the others may follow one (US$).
_SIGNS = "|".join(("(?<![A-Za-z])" if sign[0].isalpha() else "") + re.escape(sign)
                  for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True))
CURRENCY_SIGN = re.compile(rf"(?:{_SIGNS}|\b(?:{'|'.join(CURRENCY_CODES)})|\b[A-Z]{{1,3}}\$)\s?$")


def currency_of(sign: str) -> str:
    """The ISO code of a currency sign or code ("NZ$" -> NZD, "RM" -> MYR)."""
    sign = sign.strip()
    return CURRENCY_SIGNS.get(sign) or (sign if sign in CURRENCY_CODES else sign[:-1] + "D")


CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                  "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "新臺幣": "TWD", "新台幣": "TWD",
                  "新台币": "TWD", "台币": "TWD", "臺幣": "TWD", "台幣": "TWD", "港元": "HKD", "港币": "HKD",
                  "港幣": "HKD", "美元": "USD", "美金": "USD", "欧元": "EUR", "歐元": "EUR", "人民币": "CNY",
                  "人民幣": "CNY", "日元": "JPY", "日圓": "JPY", "英镑": "GBP", "英鎊": "GBP", "澳门元": "MOP",
                  "澳門元": "MOP", "新元": "SGD", "令吉": "MYR", "ringgit": "MYR", "naira": "NGN", "cedis": "GHS",
                  "rupees": "INR", "won": "KRW", "baht": "THB", "pesos": "PHP"}
CN_CURRENCY_WORDS = sorted((w for w in CURRENCY_WORDS if HAN.match(w)), key=len, reverse=True)
CN_CURRENCY_AFTER = re.compile("|".join(w for w in ("人民币", "人民幣", "港元", "港币", "港幣", "美元", "新台币", "新臺幣",
                                                    "新台幣", "澳门元", "澳門元")))
CN_CURRENCY_BEFORE = re.compile(rf"(?:{'|'.join(w for w in CURRENCY_WORDS if HAN.match(w))})\s?$")


def text_currency(text: str) -> str:
    """What a bare 元 means in a text: the currency the text names, else the renminbi."""
    if re.search(r"新臺幣|新台幣|新台币|臺灣|台灣|台湾|NT\$", text):
        return "TWD"
    if re.search(r"港元|港幣|港币|香港|HK\$", text):
        return "HKD"
    return "CNY"
