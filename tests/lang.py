"""Switch a test client to English, as the header's language button does (the ``lang`` cookie).

The app chooses the locale per request (contest/i18n.py), so nothing cached in the test's
long-lived app context needs clearing.
"""


def english(client) -> None:
    client.post("/tuy-chon", data={"lang": "en", "next": "/"})
