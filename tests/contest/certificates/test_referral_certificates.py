"""Referral prizes (lan tỏa) get certificates of their own category."""

from __future__ import annotations


def test_referral_prize_certificate_does_not_replace_an_individual_one(contest_data):
    from contest.certificates import services as certificates

    reg = contest_data.regs[0]
    data = {"groups": [{"rows": [{"registration_id": reg.id, "name": "Nhung", "unit": "",
                                  "prize_label": "Giải Nhất"}]}],
            "referrals": [{"registration_id": reg.id, "name": "Nhung", "unit": "",
                           "prize_label": "Giải Ba (Lan tỏa)"}]}
    winners = certificates.winners_from_snapshot(data, contest_data.round)
    issued = certificates.issue(winners, None)
    assert [(c.prize, c.category) for c in issued] == [("Giải Nhất", ""),
                                                       ("Giải Ba (Lan tỏa)", "referrals")]
    assert all(c.is_valid for c in issued)
    assert certificates.issue(winners, None) == issued  # issuing again changes nothing
