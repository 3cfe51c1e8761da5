# ruff: noqa: E501 (sample content is long literal text)
"""Write the synthetic sample exports for Facebook … YouTube, and their labels.

    python -m tests.importers.make_samples

Every file is made here in the platform's real shape (see
docs/formats.md and shared/design/research/export-formats.md), about the
fictional Nordwind Energie, with planted violations and hard negatives. The
labels (which post should trigger which rule) are written to
tests/importers/sample_labels.json, replacing earlier entries of these
platforms. Output is deterministic.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import libipld

ROOT = Path(__file__).resolve().parents[2] / "sample_exports"
LABELS = Path(__file__).with_name("sample_labels.json")
T0 = 1_750_000_000  # 2025-06-15
EMAIL, PHONE = "lena.private@example.net", "+4915550123456"

# (platform, evidence, rules, hard_negative, note)
PLANTED: list[tuple[str, str, list[str], bool, str]] = []


def plant(platform: str, evidence: str, rules: list[str], note: str = "") -> None:
    PLANTED.append((platform, evidence, rules, not rules and not note.startswith("NEAR"), note))


def png() -> bytes:
    """A 1x1 PNG, so media paths point at real files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0\x20\x80\x40"))
        + chunk(b"IEND", b"")
    )


def meta_json(value: Any) -> str:
    """JSON the way Meta writes it: UTF-8 bytes escaped one by one (mojibake)."""

    def mangle(v: Any) -> Any:
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [mangle(x) for x in v]
        if isinstance(v, dict):
            return {mangle(k): mangle(x) for k, x in v.items()}
        return v

    return json.dumps(mangle(value), indent=2, ensure_ascii=True)


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")


def facebook() -> None:
    root = ROOT / "facebook"
    act = root / "your_facebook_activity"
    photo = "your_facebook_activity/posts/media/Husum_1a2b3c/498811_1029384756_n.jpg"
    fest = [f"your_facebook_activity/posts/media/Sommerfest_9f8e7d/5510{i}_n.jpg" for i in (1, 2)]
    exif = {
        "photo_metadata": {"exif_data": [{"upload_ip": "198.51.100.23", "taken_timestamp": T0}]}
    }

    def media(uri: str, ts: int) -> dict[str, Any]:
        return {
            "media": {
                "uri": uri,
                "creation_timestamp": ts,
                "media_metadata": exif,
                "title": "Timeline photos",
                "description": "",
            }
        }

    posts = [
        {
            "timestamp": T0,
            "attachments": [{"data": [media(photo, T0)]}],
            "data": [
                {
                    "post": "Heute Richtfest beim Windpark Husum II – stolz auf das Team von Nordwind! 🌬️"
                }
            ],
            "title": "Lena Hoffmann updated her status.",
        },
        {
            "timestamp": T0 + 86400,
            "data": [
                {
                    "post": "Kleiner Teaser: Projekt Polarstern startet im Herbst, mehr darf ich noch nicht sagen 🤫"
                }
            ],
        },
        # One multi-photo post, written twice by Facebook with one photo each.
        {
            "timestamp": T0 + 2 * 86400,
            "attachments": [{"data": [media(fest[0], T0 + 2 * 86400)]}],
            "data": [{"post": "Sommerfest 2025 bei Nordwind Energie 🎉 Danke an alle!"}],
        },
        {
            "timestamp": T0 + 2 * 86400,
            "attachments": [{"data": [media(fest[1], T0 + 2 * 86400)]}],
            "data": [{"post": "Sommerfest 2025 bei Nordwind Energie 🎉 Danke an alle!"}],
        },
        {
            "timestamp": T0 + 3 * 86400,
            "data": [
                {"post": "Die Q3-Zahlen sind intern schon durch – wir haben das Ziel geknackt!"},
                {"update_timestamp": T0 + 3 * 86400 + 600},
            ],
        },
        {
            "timestamp": T0 + 4 * 86400,
            "attachments": [
                {
                    "data": [
                        {
                            "external_context": {
                                "url": "https://www.nordwind-energie.de/presse/husum-ii",
                                "name": "Windpark Husum II geht ans Netz",
                            }
                        }
                    ]
                }
            ],
            "data": [{"update_timestamp": T0 + 4 * 86400}],
            "title": "Lena Hoffmann shared a link.",
        },
        {
            "timestamp": T0 + 5 * 86400,
            "data": [
                {"post": "Solaris Power sind doch Betrüger, wer da Kunde ist, ist selber schuld."}
            ],
        },
        {
            "timestamp": T0 + 6 * 86400,
            "data": [
                {
                    "post": "Heute in der Zeitung: die Polarstern ist zurück in Bremerhaven. Tolles Schiff! ⚓"
                }
            ],
        },
        {
            "timestamp": T0 + 7 * 86400,
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": "Nordwind Energie Zentrale",
                                "coordinate": {"latitude": 53.55, "longitude": 9.99},
                                "address": "Hamburg",
                                "url": "https://www.facebook.com/pages/Nordwind/123",
                            }
                        }
                    ]
                }
            ],
            "data": [],
            "title": "Lena Hoffmann was at Nordwind Energie Zentrale.",
        },
        {
            "timestamp": T0 + 8 * 86400,
            "data": [
                {
                    "post": "Herr Becker, Ihre Rückerstattung geht an DE89 3704 0044 0532 0130 00 – bitte kurz prüfen."
                }
            ],
        },
    ]
    comments = {
        "comments_v2": [
            {
                "timestamp": T0 + 9 * 86400,
                "data": [
                    {
                        "comment": {
                            "timestamp": T0 + 9 * 86400,
                            "comment": "Frau Keller (anna.keller@example.org) hat sich deswegen schon bei mir gemeldet.",
                            "author": "Lena Hoffmann",
                        }
                    }
                ],
                "title": "Lena Hoffmann commented on Nordwind Energie's post.",
            },
            {
                "timestamp": T0 + 10 * 86400,
                "data": [
                    {
                        "comment": {
                            "timestamp": T0 + 10 * 86400,
                            "comment": "Confident we'll hit the target this year! Grüße aus Kiel",
                            "author": "Lena Hoffmann",
                        }
                    }
                ],
                "title": "Lena Hoffmann replied to Jörg Mühlenkamp's comment.",
            },
        ]
    }
    profile = {
        "profile_v2": {
            "name": {"full_name": "Lena Hoffmann", "first_name": "Lena", "last_name": "Hoffmann"},
            "emails": {"emails": [EMAIL]},
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": PHONE}],
            "registration_timestamp": 1262304000,
        }
    }
    write(act / "posts" / "your_posts__check_ins__photos_and_videos_1.json", meta_json(posts))
    write(act / "comments_and_reactions" / "comments.json", meta_json(comments))
    write(
        root / "personal_information" / "profile_information" / "profile_information.json",
        meta_json(profile),
    )
    for uri in [photo, *fest]:
        write(root / uri, png())
    plant("facebook", "Projekt Polarstern", ["confidential"], "mojibake-encoded umlauts and emoji")
    plant("facebook", "Q3-Zahlen", ["confidential"], "post with an update_timestamp")
    plant("facebook", "Solaris Power sind doch Betrüger", ["competitor_negativity"])
    plant("facebook", "DE89 3704 0044 0532 0130 00", ["personal_data"], "valid IBAN")
    plant("facebook", "anna.keller@example.org", ["personal_data"], "comments_v2: customer e-mail")
    plant("facebook", "die Polarstern ist zurück", [], "research ship, not the project")
    plant("facebook", "Confident we'll hit", [], "'Confident' is not 'confidential'")


def instagram() -> None:
    root = ROOT / "instagram"
    act = root / "your_instagram_activity"

    def img(n: int) -> str:
        return f"media/posts/202506/{n}_17900000000000{n}.jpg"

    video = "media/posts/202506/AQNvZ2lkZW8xX3YxEQB17gcA_1790000000000077"
    posts = [
        {
            "media": [
                {
                    "uri": img(101),
                    "creation_timestamp": T0,
                    "media_metadata": {"camera_metadata": {"has_camera_metadata": False}},
                    "title": "Sonnenaufgang über dem Windpark 🌅 #Nordwind",
                    "cross_post_source": {"source_app": "FB"},
                }
            ]
        },
        {
            "media": [
                {
                    "uri": img(102),
                    "creation_timestamp": T0 + 86400,
                    "title": "",
                    "cross_post_source": {"source_app": "FB"},
                },
                {
                    "uri": video,
                    "creation_timestamp": T0 + 86400,
                    "title": "",
                    "media_metadata": {
                        "video_metadata": {"exif_data": [{"upload_ip": "198.51.100.24"}]}
                    },
                    "dubbing_info": [],
                },
            ],
            "title": "Messe-Tag in Hamburg! Danke an alle, die am Nordwind-Stand waren 💚",
            "creation_timestamp": T0 + 86401,
        },
        {
            "media": [
                {
                    "uri": img(103),
                    "creation_timestamp": T0 + 2 * 86400,
                    "title": "Psst… der Nordlicht-Vertrag ist so gut wie unterschrieben ✍️",
                }
            ]
        },
        {
            "media": [
                {
                    "uri": img(104),
                    "creation_timestamp": T0 + 3 * 86400,
                    "title": "Die Q3-Zhalen kommen nächste Woche, bin gespannt 👀",
                }
            ]
        },
        {
            "media": [
                {
                    "uri": img(105),
                    "creation_timestamp": T0 + 4 * 86400,
                    "title": "Nordlichter über Tromsø – der Polarlicht-Urlaub war traumhaft",
                }
            ]
        },
    ]
    comments = [
        {
            "media_list_data": [{"uri": ""}],
            "string_map_data": {
                "Comment": {
                    "value": "@solarispower euer Service ist ein Witz, typisch Solaris Power 🙄"
                },
                "Media Owner": {"value": "solarispower"},
                "Time": {"timestamp": T0 + 5 * 86400},
            },
        },
        {
            "media_list_data": [{"uri": ""}],
            "string_map_data": {
                "Comment": {
                    "value": "Kunde hat mir seine Karte 4012 8888 8888 1881 per DM geschickt 🙈"
                },
                "Media Owner": {"value": "nordwind_official"},
                "Time": {"timestamp": T0 + 6 * 86400},
            },
        },
    ]
    personal = {
        "profile_user": [
            {
                "title": "",
                "media_map_data": {},
                "string_map_data": {
                    "Email": {"href": "", "value": EMAIL, "timestamp": 0},
                    "Phone Number": {"href": "", "value": PHONE, "timestamp": 0},
                    "Username": {"href": "", "value": "lena.nordwind", "timestamp": 0},
                    "Name": {"href": "", "value": "Lena Hoffmann", "timestamp": 0},
                },
            }
        ]
    }
    thread_img = [f"media/posts/202507/4711{i}_1790000000000{i}.jpg" for i in (201, 202)]

    def text_only(ts: int, text: str) -> dict[str, Any]:
        return {
            "media": [
                {
                    "uri": "",
                    "creation_timestamp": ts,
                    "media_metadata": {"camera_metadata": {"has_camera_metadata": False}},
                    "title": text,
                    "cross_post_source": {"source_app": "FB"},
                }
            ]
        }

    threads = {
        "text_post_app_text_posts": [
            text_only(T0 + 7 * 86400, "Hot take: Windkraft ist die Zukunft. Views are my own."),
            {
                **text_only(
                    T0 + 8 * 86400, "Eure Anlagen fallen doch ständig aus 😂 Solaris Power halt"
                ),
                "text_app_post": {
                    "reply_control": "everyone",
                    "geo_gated_country_list": "",
                    "is_reply": True,
                    "in_reply_to_username": "solaris_power",
                },
            },
            text_only(T0 + 9 * 86400, "Wer mehr über Projekt Polarstren wissen will – DM 📩"),
            text_only(
                T0 + 10 * 86400, "I'm confident about our new tariff; vertraglich ist alles sauber."
            ),
            {
                "media": [
                    {"uri": u, "creation_timestamp": T0 + 11 * 86400, "title": ""}
                    for u in thread_img
                ],
                "title": "Zwei Bilder vom Offshore-Einsatz heute 🌊 ÄÖÜ",
                "creation_timestamp": T0 + 11 * 86400,
            },
        ]
    }
    write(act / "media" / "posts_1.json", meta_json(posts))
    write(act / "comments" / "post_comments_1.json", meta_json(comments))
    write(act / "threads" / "threads_and_replies.json", meta_json(threads))
    write(
        root / "personal_information" / "personal_information" / "personal_information.json",
        meta_json(personal),
    )
    for uri in [img(n) for n in range(101, 106)] + [video] + thread_img:
        write(root / uri, png())
    plant(
        "instagram", "Nordlicht-Vertrag", ["confidential"], "single-photo caption in media[0].title"
    )
    plant("instagram", "Q3-Zhalen", ["confidential"], "misspelled (transposed letters)")
    plant(
        "instagram", "typisch Solaris Power", ["competitor_negativity"], "comment, string_map_data"
    )
    plant("instagram", "4012 8888 8888 1881", ["personal_data"], "Luhn-valid card in a comment")
    plant("instagram", "Polarlicht-Urlaub", [], "'Nordlichter' is not the Nordlicht-Vertrag")
    plant("threads", "Eure Anlagen fallen doch ständig aus", ["competitor_negativity"], "reply")
    plant("threads", "Projekt Polarstren", ["confidential"], "misspelled")
    plant("threads", "vertraglich ist alles sauber", [], "'confident', 'vertraglich'")


def linkedin() -> None:
    def wrap(*lines: str) -> str:
        # LinkedIn's bug: every line of a multi-line commentary gets its own quotes.
        if len(lines) == 1:
            return lines[0]
        return "\n".join([lines[0] + '"', *(f'"{ln}"' for ln in lines[1:-1]), '"' + lines[-1]])

    def share(n: int) -> str:
        return f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A73800000000000000{n:02d}"

    shares = [
        (
            "2025-07-01 08:53:45",
            share(1),
            wrap(
                "Großartige Neuigkeiten von Nordwind Energie!",
                "",
                'Unser Windpark "Husum II" liefert ab heute Strom für 40.000 Haushalte.',
                "",
                "#Energiewende #Nordwind",
            ),
            "",
            "https://media.licdn.com/dms/image/husum.jpg",
            "MEMBER_NETWORK",
        ),
        (
            "2025-07-08 12:00:00",
            share(2),
            wrap(
                "Kurzer Rückblick auf das Quartal:",
                "",
                "Die Q3-Zahlen (intern) zeigen +18 % – offiziell erst am 15.10.",
                "Bitte noch nicht teilen.",
            ),
            "",
            "",
            "MEMBER_NETWORK",
        ),
        (
            "2025-07-15 09:30:00",
            share(3),
            "Proud of our new partnership. Honestly, Solaris Power has been terrible to work with.",
            "",
            "",
            "PUBLIC",
        ),
        (
            "2025-07-20 18:00:00",
            "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7381000000000000004",
            "",
            "https://www.nordwind-energie.de/karriere",
            "",
            "PUBLIC",
        ),
        (
            "2025-07-22 07:45:10",
            share(5),
            "Vertragsverlängerung für unseren Solarpark unterschrieben – vertraglich ist alles öffentlich einsehbar.",
            "",
            "",
            "PUBLIC",
        ),
        (
            "2025-07-25 16:20:00",
            share(6),
            "Thanks to our customer Jonas Weber (jonas.weber@example.com) for the kind review!",
            "",
            "",
            "PUBLIC",
        ),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
    writer.writerows(shares)
    # Comments.csv escapes quotes with backslashes, and quotes only fields that need it.
    rows = [
        (
            "2025-07-26 10:00:00",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7382000000000000001",
            'Jan Peters Danke! Wie gesagt: \\"Projekt Polarstern\\" ist noch nicht öffentlich 😉',
        ),
        (
            "2025-07-27 11:11:11",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7382000000000000002",
            'Great point, \\"views are my own\\" of course.',
        ),
        (
            "2025-07-28 12:12:12",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7382000000000000003",
            "I'm confident this will work, Grüße aus Hamburg",
        ),
    ]
    comments = "Date,Link,Message\n" + "".join(f'{d},{link},"{m}"\n' for d, link, m in rows)
    profile = (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Lena,Hoffmann,,Hafenstraße 1 Hamburg,1990-04-01,Community Managerin bei Nordwind Energie,,Renewables,20457,Hamburg,[lena_nordwind],,\n"
    )
    root = ROOT / "linkedin"
    write(root / "Shares.csv", out.getvalue())
    write(root / "Comments.csv", comments)
    write(root / "Profile.csv", profile)
    plant(
        "linkedin",
        "Die Q3-Zahlen (intern)",
        ["confidential"],
        "multi-line share with LinkedIn's per-line quotes",
    )
    plant("linkedin", "Solaris Power has been terrible", ["competitor_negativity"])
    plant("linkedin", "jonas.weber@example.com", ["personal_data"], "customer e-mail")
    plant(
        "linkedin",
        '"Projekt Polarstern"',
        ["confidential"],
        "Comments.csv: backslash-escaped quotes",
    )
    plant(
        "linkedin", "vertraglich ist alles öffentlich", [], "'Vertragsverlängerung', 'vertraglich'"
    )
    plant("linkedin", "I'm confident this will work", [], "'confident'")


def mastodon() -> None:
    root = ROOT / "mastodon"
    user = "https://norden.social/users/lena_hoffmann"
    public, followers = "https://www.w3.org/ns/activitystreams#Public", f"{user}/followers"
    link = (
        '<a href="https://www.nordwind-energie.de/blog/speicher" target="_blank" rel="nofollow noopener noreferrer">'
        '<span class="invisible">https://www.</span><span class="">nordwind-energie.de/blog/speicher</span><span class="invisible"></span></a>'
    )
    mention = '<span class="h-card" translate="no"><a href="https://norden.social/@kunde42" class="u-url mention">@<span>kunde42</span></a></span>'

    def note(
        n: int,
        html: str,
        *,
        to: list[str] | None = None,
        cc: list[str] | None = None,
        summary: str | None = None,
        reply: str | None = None,
        attachment: list[Any] | None = None,
        lang: str = "de",
    ) -> dict[str, Any]:
        sid = f"{user}/statuses/1148000000000000{n:02d}"
        when = f"2025-08-{n:02d}T09:{n:02d}:00Z"
        obj = {
            "id": sid,
            "type": "Note",
            "summary": summary,
            "inReplyTo": reply,
            "published": when,
            "url": f"https://norden.social/@lena_hoffmann/1148000000000000{n:02d}",
            "attributedTo": user,
            "to": to or [public],
            "cc": cc if cc is not None else [followers],
            "sensitive": bool(summary),
            "atomUri": sid,
            "inReplyToAtomUri": reply,
            "conversation": f"tag:norden.social,2025-08-{n:02d}:objectId={n}:objectType=Conversation",
            "content": html,
            "contentMap": {lang: html},
            "attachment": attachment or [],
            "tag": [],
            "replies": {
                "id": f"{sid}/replies",
                "type": "Collection",
                "first": {
                    "type": "CollectionPage",
                    "next": f"{sid}/replies?only_other_accounts=true&page=true",
                    "partOf": f"{sid}/replies",
                    "items": [],
                },
            },
            "likes": {"id": f"{sid}/likes", "type": "Collection", "totalItems": n % 3},
            "shares": {"id": f"{sid}/shares", "type": "Collection", "totalItems": 0},
        }
        return {
            "id": f"{sid}/activity",
            "type": "Create",
            "actor": user,
            "published": when,
            "to": obj["to"],
            "cc": obj["cc"],
            "object": obj,
        }

    image = {
        "type": "Document",
        "mediaType": "image/png",
        "url": "/norden/media_attachments/files/114/800/000/000/000/005/original/5a1b2c3d4e5f6071.png",
        "name": "Rotorblatt im Sonnenuntergang, Windpark Husum II",
        "blurhash": "UBL_:rOpGG-;~WRkWBt6",
        "focalPoint": [0.0, 0.0],
        "width": 1,
        "height": 1,
    }
    items = [
        note(
            1,
            f"<p>Neuer Blogpost über Speicher und warum wir bei Nordwind darauf setzen: {link}</p>",
        ),
        note(
            2,
            "<p>Projekt Polarstern: Kickoff am Montag, bitte nicht weitersagen</p>",
            summary="Interna",
            cc=[],
            to=[followers],
        ),
        note(
            3,
            f"<p>{mention} Ihre IBAN DE89 3704 0044 0532 0130 00 ist jetzt hinterlegt.</p>",
            to=["https://norden.social/users/kunde42"],
            cc=[],
            reply="https://norden.social/users/kunde42/statuses/114799999999999999",
        ),
        {
            "id": f"{user}/statuses/114800000000000004/activity",
            "type": "Announce",
            "actor": user,
            "published": "2025-08-04T10:00:00Z",
            "to": [public],
            "cc": ["https://norden.social/users/windnerd", followers],
            "object": "https://norden.social/users/windnerd/statuses/114799000000000001",
        },
        note(5, "<p>Foto vom Windpark heute Abend 🌇</p>", attachment=[image]),
        note(
            6,
            "<p>Wind &amp; Sonne &gt; Kohle. &lt;b&gt;Punkt&lt;/b&gt; [bold]nicht fett[/bold]</p>",
        ),
        note(
            7,
            "<p>Solaris Power lügt in ihrer Werbung, das ist Betrug!</p><p>Meine Meinung.</p>",
            to=[],
            cc=[public],
        ),
    ]
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": 6,
        "orderedItems": items,
    }
    # Mastodon 4.2/4.3 wrote "orderedItems" twice, an empty array first (mastodon#31091).
    text = json.dumps(outbox, indent=2, ensure_ascii=False)
    text = text.replace('"totalItems": 6,\n', '"totalItems": 6,\n  "orderedItems": [],\n', 1)
    actor = {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": user,
        "type": "Person",
        "following": f"{user}/following",
        "followers": followers,
        "inbox": f"{user}/inbox",
        "outbox": "outbox.json",
        "preferredUsername": "lena_hoffmann",
        "name": "Lena Hoffmann 🌬️",
        "summary": "<p>Community bei Nordwind Energie. Views are my own.</p>",
        "url": "https://norden.social/@lena_hoffmann",
        "published": "2023-01-10T00:00:00Z",
        "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"},
        "likes": "likes.json",
        "bookmarks": "bookmarks.json",
    }
    likes = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "likes.json",
        "type": "OrderedCollection",
        "orderedItems": ["https://norden.social/users/windnerd/statuses/114799000000000002"],
    }
    write(root / "outbox.json", text)
    write(root / "actor.json", json.dumps(actor, indent=2, ensure_ascii=False))
    write(root / "likes.json", json.dumps(likes, indent=2))
    write(root / "avatar.png", png())
    write(root / image["url"].split("/", 2)[2], png())
    plant(
        "mastodon",
        "Projekt Polarstern",
        ["confidential"],
        "behind a content warning, followers only",
    )
    plant(
        "mastodon", "DE89 3704 0044 0532 0130 00", ["personal_data"], "direct message to a customer"
    )
    plant("mastodon", "Solaris Power lügt", ["competitor_negativity"], "unlisted")
    plant(
        "mastodon",
        "Wind & Sonne > Kohle. <b>Punkt</b> [bold]nicht fett[/bold]",
        [],
        "entities and markup-like text",
    )


def _cid(block: bytes) -> bytes:
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def bluesky() -> None:
    did = "did:plc:nordwindlenahoffmannxyz"
    blocks: dict[bytes, bytes] = {}

    def put(value: Any) -> bytes:
        data = libipld.encode_dag_cbor(value)
        cid = _cid(data)
        blocks[cid] = data
        return cid

    blob = b"\x01\x55\x12\x20" + hashlib.sha256(b"windpark").digest()
    other = "at://did:plc:kundinatlantikabcdefghij/app.bsky.feed.post/3lkabcdefgh22"
    text1 = "Unser Jahresbericht ist online: nordwind-energie.de/bericht-20..."
    start = text1.encode().index(b"nordwind")
    records = {
        "app.bsky.actor.profile/self": {
            "$type": "app.bsky.actor.profile",
            "displayName": "Lena Hoffmann",
            "description": "Nordwind Energie. Views are my own.",
        },
        "app.bsky.feed.like/3lm2aaaaaaa22": {
            "$type": "app.bsky.feed.like",
            "subject": {"uri": other, "cid": "bafyreib2rxk3rh6kzwq"},
            "createdAt": "2025-08-01T10:00:00.000Z",
        },
        "app.bsky.feed.post/3lm2bbbbbbb22": {
            "$type": "app.bsky.feed.post",
            "text": text1,
            "langs": ["de"],
            "createdAt": "2025-08-02T09:00:00.000Z",
            "facets": [
                {
                    "index": {"byteStart": start, "byteEnd": len(text1.encode())},
                    "features": [
                        {
                            "$type": "app.bsky.richtext.facet#link",
                            "uri": "https://www.nordwind-energie.de/bericht-2025",
                        }
                    ],
                }
            ],
        },
        "app.bsky.feed.post/3lm2ccccccc22": {
            "$type": "app.bsky.feed.post",
            "text": "Nordlicht-Vertrag: Unterschrift nächste Woche 🤐",
            "langs": ["de"],
            "createdAt": "2025-08-03T09:00:00.000Z",
        },
        "app.bsky.feed.post/3lm2ddddddd22": {
            "$type": "app.bsky.feed.post",
            "text": "@kundin Ihre Mail anna.schmidt@example.org habe ich an den Support weitergeleitet.",
            "langs": ["de"],
            "createdAt": "2025-08-04T09:00:00.000Z",
            "reply": {
                "root": {"uri": other, "cid": "bafyreib2rxk3rh6kzwq"},
                "parent": {"uri": other, "cid": "bafyreib2rxk3rh6kzwq"},
            },
        },
        "app.bsky.feed.post/3lm2eeeeeee22": {
            "$type": "app.bsky.feed.post",
            "text": "Solaris Power mal wieder mit Stromausfall 🙄 lächerlicher Laden",
            "langs": ["de"],
            "createdAt": "2025-08-05T09:00:00.000Z",
            "embed": {
                "$type": "app.bsky.embed.record",
                "record": {"uri": other, "cid": "bafyreib2rxk3rh6kzwq"},
            },
        },
        "app.bsky.feed.post/3lm2fffffff22": {
            "$type": "app.bsky.feed.post",
            "text": "Abendstimmung im Windpark",
            "langs": ["de"],
            "createdAt": "2025-08-06T19:00:00.000Z",
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [
                    {
                        "alt": "Windräder vor rotem Himmel",
                        "image": {
                            "$type": "blob",
                            "ref": blob,
                            "mimeType": "image/jpeg",
                            "size": 48211,
                        },
                        "aspectRatio": {"width": 4, "height": 3},
                    }
                ],
            },
        },
        "app.bsky.feed.post/3lm2ggggggg22": {
            "$type": "app.bsky.feed.post",
            "text": "Heute im Planetarium: Polarstern und Nordlicht erklärt 🌌 (English: the pole star)",
            "langs": ["de", "en"],
            "createdAt": "2025-08-07T20:00:00.000Z",
        },
        "app.bsky.feed.repost/3lm2hhhhhhh22": {
            "$type": "app.bsky.feed.repost",
            "subject": {"uri": other, "cid": "bafyreib2rxk3rh6kzwq"},
            "createdAt": "2025-08-08T08:00:00.000Z",
        },
        "app.bsky.graph.follow/3lm2iiiiiii22": {
            "$type": "app.bsky.graph.follow",
            "subject": "did:plc:kundinatlantikabcdefghij",
            "createdAt": "2025-08-09T08:00:00.000Z",
        },
    }
    # A post deleted since: its block is still in the file, but not in the tree.
    put(
        {
            "$type": "app.bsky.feed.post",
            "text": "Projekt Polarstern Budget: 4,2 Mio – gelöscht",
            "createdAt": "2025-07-30T09:00:00.000Z",
        }
    )
    leaves = [(key.encode(), put(value)) for key, value in sorted(records.items())]

    def node(entries: list[tuple[bytes, bytes]], left: bytes | None = None) -> dict[str, Any]:
        out, prev = [], b""
        for key, cid in entries:
            p = 0
            while p < min(len(key), len(prev)) and key[p] == prev[p]:
                p += 1
            out.append({"k": key[p:], "p": p, "t": None, "v": cid})
            prev = key
        return {"l": left, "e": out}

    # Two levels, so that reading has to walk the tree.
    low = put(node(leaves[:4]))
    high = node(leaves[4:], left=low)
    high["e"][2]["t"] = put(node([]))
    mst = put(high)
    commit = put(
        {
            "did": did,
            "rev": "3lm2zzzzzzz22",
            "data": mst,
            "prev": None,
            "version": 3,
            "sig": b"\x00" * 64,
        }
    )
    header = libipld.encode_dag_cbor({"roots": [commit], "version": 1})
    car = _varint(len(header)) + header
    for cid, data in blocks.items():
        car += _varint(len(cid) + len(data)) + cid + data
    write(ROOT / "bluesky" / "repo.car", car)
    plant("bluesky", "Nordlicht-Vertrag", ["confidential"])
    plant("bluesky", "anna.schmidt@example.org", ["personal_data"], "reply with a customer e-mail")
    plant("bluesky", "lächerlicher Laden", ["competitor_negativity"], "quote post")
    plant(
        "bluesky",
        "Polarstern und Nordlicht erklärt",
        [],
        "astronomy, not the project or the contract",
    )


def reddit() -> None:
    root = ROOT / "reddit"
    posts = [
        [
            "1a2b3c",
            "https://www.reddit.com/r/Energiewende/comments/1a2b3c/erfahrungen_mit_wärmepumpentarifen/",
            "2025-06-20 18:02:11 UTC",
            "203.0.113.7",
            "Energiewende",
            "0",
            "Erfahrungen mit Wärmepumpen-Tarifen?",
            "/r/Energiewende/comments/1a2b3c/erfahrungen_mit_wärmepumpentarifen/",
            "Welche Tarife nutzt ihr? Wir vergleichen gerade.",
        ],
        [
            "1a2b3d",
            "https://www.reddit.com/r/IAmA/comments/1a2b3d/i_work_at_a_german_wind_company_ama/",
            "2025-06-25 15:00:00 UTC",
            "203.0.113.7",
            "IAmA",
            "1",
            "I work at Nordwind Energie, AMA",
            "/r/IAmA/comments/1a2b3d/i_work_at_a_german_wind_company_ama/",
            "Happy to answer anything, but I can't talk about Projekt Polarstern yet &amp; our Q3 plans.",
        ],
        [
            "1a2b3e",
            "https://www.reddit.com/r/windenergy/comments/1a2b3e/sunset_at_husum/",
            "2025-07-01 20:30:00 UTC",
            "",
            "windenergy",
            "0",
            "Sunset at Husum II",
            "https://i.redd.it/husum-sunset.jpg",
            "",
        ],
        [
            "1a2b3f",
            "https://www.reddit.com/r/de/comments/1a2b3f/removed/",
            "2025-07-03 08:00:00 UTC",
            "",
            "de",
            "0",
            "Frage zu Strompreisen",
            "/r/de/comments/1a2b3f/removed/",
            "[removed]",
        ],
    ]
    comments = [
        [
            "k1abc01",
            "https://www.reddit.com/r/Energiewende/comments/1a2b3c/x/k1abc01/",
            "2025-06-21 09:00:00 UTC",
            "203.0.113.7",
            "Energiewende",
            "0",
            "https://www.reddit.com/r/Energiewende/comments/1a2b3c/x/",
            "",
            "Solaris Power customer service is the worst, total scammers.",
            "",
        ],
        [
            "k1abc02",
            "https://www.reddit.com/r/Energiewende/comments/1a2b3c/x/k1abc02/",
            "2025-06-21 09:30:00 UTC",
            "203.0.113.7",
            "Energiewende",
            "0",
            "https://www.reddit.com/r/Energiewende/comments/1a2b3c/x/",
            "k1abc01",
            "Customer e-mail is p.schulz@example.net, I'll forward it to the team.",
            "",
        ],
        [
            "k1abc03",
            "https://www.reddit.com/r/windenergy/comments/1a2b3e/x/k1abc03/",
            "2025-07-02 10:00:00 UTC",
            "",
            "windenergy",
            "0",
            "https://www.reddit.com/r/windenergy/comments/1a2b3e/x/",
            "",
            "Q3 is usually our busiest quarter, wind &amp; solar &gt; coal.",
            "",
        ],
    ]

    def table(header: list[str], rows: list[list[str]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue()

    write(
        root / "posts.csv",
        "\ufeff"
        + table(
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "title", "url", "body"],
            posts,
        ),
    )
    write(
        root / "comments.csv",
        table(
            [
                "id",
                "permalink",
                "date",
                "ip",
                "subreddit",
                "gildings",
                "link",
                "parent",
                "body",
                "media",
            ],
            comments,
        ),
    )
    write(
        root / "post_headers.csv",
        table(
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "url"],
            [[*r[:6], r[7]] for r in posts],
        ),
    )
    write(
        root / "statistics.csv",
        table(
            ["statistic", "value"],
            [
                ["account name", "lena_nordwind"],
                ["export time", "2025-08-01 00:00:00 UTC"],
                ["is_deleted", "False"],
                ["email address", EMAIL],
                ["email verified", "True"],
            ],
        ),
    )
    write(
        root / "checkfile.csv",
        table(["filename", "sha256"], [["posts.csv", "0" * 64], ["comments.csv", "0" * 64]]),
    )
    plant("reddit", "Projekt Polarstern", ["confidential"], "AMA post body")
    plant("reddit", "Solaris Power customer service is the worst", ["competitor_negativity"])
    plant("reddit", "p.schulz@example.net", ["personal_data"], "customer e-mail in a reply")
    plant("reddit", "Q3 is usually our busiest quarter", [], "'Q3' alone is not 'Q3-Zahlen'")


def tiktok() -> None:
    cdn = "https://v16m-default.tiktokcdn.com/tos-maliva-ve-0068c799/o{0}/?a=1233&x-expires=1760000000&x-signature=abc{0}"
    data = {
        "Activity": None,
        "Ads and data": {"Off TikTok Activity": {"OffTikTokActivityDataList": None}},
        "App Settings": {"Settings": {"SettingsMap": {"Language": "de"}}},
        "Comment": {
            "Comments": {
                "CommentsList": [
                    {
                        "date": "2025-07-12 18:00:01",
                        "comment": "Kundin erreichbar unter petra.lang@example.de, ruf sie bitte zurück",
                        "photo": "N/A",
                        "url": "",
                    },
                    {
                        "date": "2025-07-13 18:00:01",
                        "comment": "Vertraglich alles geregelt 👍",
                        "photo": "N/A",
                        "url": "",
                    },
                ]
            }
        },
        "Direct Message": {"Direct Messages": {"ChatHistory": {}}},
        "Post": {
            "Posts": {
                "VideoList": [
                    {
                        "Date": "2025-07-01 17:45:10",
                        "Link": cdn.format(1),
                        "Likes": "49",
                        "WhoCanView": "Everyone",
                        "AllowComments": "Yes",
                        "Sound": "Originalton - lena.nordwind",
                        "Location": "Husum",
                        "Title": "Ein Tag im Windpark 🌬️ #Nordwind #Energiewende",
                        "AddYoursText": "N/A",
                        "AlternateText": "Lena auf einer Windkraftanlage",
                        "CoverImage": "https://p16-sign-va.tiktokcdn.com/cover1.jpeg?x-expires=1760000000",
                    },
                    {
                        "Date": "2025-07-05 12:00:00",
                        "Link": cdn.format(2),
                        "Likes": "1200",
                        "WhoCanView": "Everyone",
                        "Title": "POV: du erfährst die Q3-Zahlen vor allen anderen 🤫",
                        "AddYoursText": "N/A",
                        "AlternateText": "N/A",
                        "CoverImage": "N/A",
                    },
                    {
                        "Date": "2025-07-08 09:10:11",
                        "Link": cdn.format(3) + "\n" + cdn.format(4),
                        "Likes": "3",
                        "WhoCanView": "Only You",
                        "Title": "N/A",
                        "AddYoursText": "N/A",
                        "AlternateText": "N/A",
                        "CoverImage": "N/A",
                    },
                ]
            },
            "Recently Deleted Posts": {
                "PostList": [
                    {
                        "Date": "2025-07-10 22:00:00",
                        "Link": cdn.format(5),
                        "Likes": "0",
                        "Title": "Solaris Power Anlagen im Test – totaler Schrott 😂",
                    },
                ]
            },
        },
        "Profile": {
            "Profile Info": {
                "App": 1,
                "ProfileMap": {
                    "PlatformInfo": [],
                    "bioDescription": "Nordwind Energie 🌬️",
                    "birthDate": "01-Apr-1990",
                    "emailAddress": EMAIL,
                    "telephoneNumber": PHONE,
                    "userName": "lena.nordwind",
                    "likesReceived": "1252",
                },
            }
        },
        "Your Activity": {
            "Watch History": {
                "VideoList": [
                    {
                        "Date": "2025-07-11 20:00:00",
                        "Link": "https://www.tiktokv.com/share/video/7400000000000000001/",
                    },
                    {
                        "Date": "2025-07-11 20:01:00",
                        "Link": "https://www.tiktokv.com/share/video/7400000000000000002/",
                    },
                ]
            },
            "Like List": {
                "ItemFavoriteList": [
                    {
                        "date": "2025-07-11 20:02:00",
                        "link": "https://www.tiktokv.com/share/video/7400000000000000003/",
                    }
                ]
            },
        },
    }
    write(ROOT / "tiktok" / "user_data_tiktok.json", json.dumps(data, indent=2, ensure_ascii=False))
    plant("tiktok", "Q3-Zahlen", ["confidential"], "video caption")
    plant("tiktok", "totaler Schrott", ["competitor_negativity"], "recently deleted post")
    plant("tiktok", "petra.lang@example.de", ["personal_data"], "comment, lower-case keys")
    plant("tiktok", "Vertraglich alles geregelt", [], "'vertraglich'")


def youtube() -> None:
    path = ROOT / "youtube" / "Takeout" / "YouTube and YouTube Music" / "comments" / "comments.csv"

    def segments(*parts: str | tuple[str, str]) -> str:
        segs = [
            {"text": p} if isinstance(p, str) else {"text": p[0], "link": {"linkUrl": p[1]}}
            for p in parts
        ]
        return json.dumps({"takeoutSegments": segs}, ensure_ascii=False)

    rows = [
        [
            "UgxN0rdw1nd0000000001AaABAg",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-01T10:00:00.123456+00:00",
            "0",
            "",
            "dQw4w9WgXc1",
            segments("Tolles Video über Windkraft! Bei Nordwind machen wir das genauso."),
        ],
        [
            "UgxN0rdw1nd0000000001AaABAg.9zz0000000001",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-02T11:00:00.5+00:00",
            "0",
            "UgxN0rdw1nd0000000001AaABAg",
            "dQw4w9WgXc1",
            segments("Stimmt, aber das ", "Nordlicht Vertrag", " Thema ist noch geheim 😉"),
        ],
        [
            "UgxN0rdw1nd0000000003AaABAg",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-03T12:00:00.000001+00:00",
            "0",
            "",
            "x1Y2z3A4b5C",
            segments("Solaris Power ist ein Witz,\n", "deren Anlagen brennen ständig ab"),
        ],
        [
            "UgxN0rdw1nd0000000004AaABAg",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-04T13:00:00+00:00",
            "0",
            "",
            "x1Y2z3A4b5C",
            segments(
                "Mehr dazu: ", ("nordwind-energie.de/faq", "https://www.nordwind-energie.de/faq")
            ),
        ],
        [
            "UgxN0rdw1nd0000000005AaABAg",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-05T14:00:00+00:00",
            "0",
            "",
            "x1Y2z3A4b5C",
            segments("Überweisung bitte an DE75 5121 0800 1245 1261 99, Betreff Kundennummer"),
        ],
        [
            "UgxN0rdw1nd0000000006AaABAg",
            "UCn0rdw1ndLenaH0ffmann00",
            "2025-07-06T15:00:00+00:00",
            "0",
            "",
            "x1Y2z3A4b5C",
            segments("I'm confident this is the future of energy"),
        ],
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Comment ID",
            "Channel ID",
            "Comment Create Timestamp",
            "Price",
            "Parent Comment ID",
            "Video ID",
            "Comment Text",
        ]
    )
    writer.writerows(rows)
    write(path, out.getvalue())
    plant(
        "youtube",
        "Nordlicht Vertrag",
        ["confidential"],
        "reply; the text is split over JSON segments",
    )
    plant("youtube", "Solaris Power ist ein Witz", ["competitor_negativity"])
    plant("youtube", "DE75 5121 0800 1245 1261 99", ["personal_data"], "valid IBAN")
    plant("youtube", "I'm confident this is the future", [], "'confident'")


def labels() -> None:
    """Write the planted posts' labels, with ids as the importers compute them."""
    from reviewer.importers import open_exports

    platforms = {p for p, *_ in PLANTED}
    posts = [p for e in open_exports(ROOT) if e.platform in platforms for p in e.posts()]
    doc = json.loads(LABELS.read_text(encoding="utf-8"))
    kept = [
        e
        for e in doc["posts"]
        if e["post_id"].split(":", 1)[0] not in platforms or e.get("note", "").startswith("posts.")
    ]
    for platform, evidence, rules, hard, note in PLANTED:
        found = [p for p in posts if p.platform == platform and evidence in p.text]
        assert len(found) == 1, (platform, evidence, len(found))
        kept.append(
            {
                "post_id": found[0].post_id,
                "rules": rules,
                "evidence": evidence,
                "hard_negative": hard,
                "note": note,
            }
        )
    doc["posts"] = kept
    LABELS.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    for name in (
        "facebook",
        "instagram",
        "linkedin",
        "mastodon",
        "bluesky",
        "reddit",
        "tiktok",
        "youtube",
    ):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    for make in (facebook, instagram, linkedin, mastodon, bluesky, reddit, tiktok, youtube):
        make()
    labels()
    print(f"wrote samples and {len(PLANTED)} labels")


if __name__ == "__main__":
    main()
