"""One list of the collective bodies' names (people's committee, people's council) for the
header ("ỦY BAN NHÂN DÂN / XÃ TỊNH HÀ"), the "TM." line of the signature and the Nơi nhận line
for the committee's own leaders: the lists were written three times, and "Uỷ ban nhân dân" (the
older placing of the mark) was missing from the header's."""

from __future__ import annotations

import pytest

from gbapp.domain.issuers import COMMITTEE, COUNCIL, collective_body, committee_unit
from gbapp.services.documents import Letterhead


@pytest.mark.parametrize(("name", "found"), [
    ("UBND xã Tịnh Hà", (COMMITTEE, "xã Tịnh Hà")),
    ("Ủy ban nhân dân tỉnh Gia Lai", (COMMITTEE, "tỉnh Gia Lai")),
    ("Uỷ ban nhân dân xã Tịnh Khê", (COMMITTEE, "xã Tịnh Khê")),
    ("HĐND tỉnh Quảng Ngãi", (COUNCIL, "tỉnh Quảng Ngãi")),
    ("Hội đồng nhân dân xã Tịnh Hà", (COUNCIL, "xã Tịnh Hà")),
    ("UBND", None), ("Sở Nội vụ", None), ("UBNDxã", None),
])
def test_collective_bodies(name, found):
    assert collective_body(name) == found
    assert committee_unit(name) == (found[1] if found and found[0] == COMMITTEE else None)


def test_the_header_and_the_signature_read_the_same_bodies():
    # one list for the header, the "TM." line and the Nơi nhận: "Uỷ" was missing in the header
    from gbapp.exporters.docbuilder import authority_lines, expand_issuer
    from gbapp.services.documents import leadership_of

    assert expand_issuer("Uỷ ban nhân dân xã Tịnh Khê") == [COMMITTEE, "XÃ TỊNH KHÊ"]
    assert expand_issuer("UBND tỉnh Quảng Ngãi") == [COMMITTEE, "TỈNH QUẢNG NGÃI"]
    assert expand_issuer("Hội đồng nhân dân tỉnh Gia Lai") == [COUNCIL, "TỈNH GIA LAI"]
    assert expand_issuer("Sở Nội vụ") == ["SỞ NỘI VỤ"]
    head = Letterhead(organisation="Uỷ ban nhân dân xã Tịnh Khê", signer_authority="KT. Chủ tịch",
                      signer_title="Phó Chủ tịch")
    assert authority_lines(head) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert leadership_of("Uỷ ban nhân dân xã Tịnh Khê") == (
        "Chủ tịch, các Phó Chủ tịch UBND xã Tịnh Khê")
