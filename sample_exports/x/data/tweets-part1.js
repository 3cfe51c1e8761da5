window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1927787499090898959"
          ],
          "editableUntil" : "2025-05-28T19:02:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "98"
      ],
      "favorite_count" : "7",
      "id_str" : "1927787499090898959",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1927787499090898959",
      "created_at" : "Wed May 28 18:02:11 +0000 2025",
      "favorited" : false,
      "full_text" : "I'm confident our offshore team will beat last year's output. Fingers crossed for a windy autumn 💨",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1924788622062546958"
          ],
          "editableUntil" : "2025-05-20T12:25:43.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "0",
      "id_str" : "1924788622062546958",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1924788622062546958",
      "created_at" : "Tue May 20 11:25:43 +0000 2025",
      "favorited" : false,
      "full_text" : "Rein vertraglich ist beim Netzanschluss alles geklärt – jetzt fehlt nur noch der Wind 😄",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "edit" : {
          "initialTweetId" : "1921837748843474956",
          "editControlInitial" : {
            "editTweetIds" : [
              "1921837748843474956",
              "1921839510451154957"
            ],
            "editableUntil" : "2025-05-12T09:00:00.000Z",
            "editsRemaining" : "4",
            "isEditEligible" : true
          }
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "77"
      ],
      "favorite_count" : "21",
      "id_str" : "1921839510451154957",
      "truncated" : false,
      "retweet_count" : "8",
      "id" : "1921839510451154957",
      "created_at" : "Mon May 12 08:07:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Tag der offenen Tür in Husum am 15. Juni – kommt vorbei! (Korrektur: Sonntag)",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1921837748843474956",
            "1921839510451154957"
          ],
          "editableUntil" : "2025-05-12T09:00:00.000Z",
          "editsRemaining" : "4",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "56"
      ],
      "favorite_count" : "0",
      "id_str" : "1921837748843474956",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1921837748843474956",
      "created_at" : "Mon May 12 08:00:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Tag der offenen Tür in Husum am 14. Juni – kommt vorbei!",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1918298679014354955"
          ],
          "editableUntil" : "2025-05-02T14:37:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Anna 🌱",
            "screen_name" : "greenfuture_anna",
            "indices" : [
              "0",
              "17"
            ],
            "id_str" : "1387654321098765432",
            "id" : "1387654321098765432"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "63"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1918253380531138977",
      "id_str" : "1918298679014354955",
      "in_reply_to_user_id" : "1387654321098765432",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1918298679014354955",
      "in_reply_to_status_id" : "1918253380531138977",
      "created_at" : "Fri May 02 13:37:00 +0000 2025",
      "favorited" : false,
      "full_text" : "@greenfuture_anna Thanks Anna, see you at the Husum open day! 🎉",
      "lang" : "en",
      "in_reply_to_screen_name" : "greenfuture_anna",
      "in_reply_to_user_id_str" : "1387654321098765432"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1915085502411730954"
          ],
          "editableUntil" : "2025-04-23T17:48:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "example",
            "screen_name" : "example",
            "indices" : [
              "75",
              "83"
            ],
            "id_str" : "1400000000000000001",
            "id" : "1400000000000000001"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "120"
      ],
      "favorite_count" : "0",
      "id_str" : "1915085502411730954",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1915085502411730954",
      "created_at" : "Wed Apr 23 16:48:59 +0000 2025",
      "favorited" : false,
      "full_text" : "Falls jemand fragt: die Kundenliste ging gestern versehentlich an m.mueller@example.com statt intern. Bitte ignorieren 🙈",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1912086033986514953"
          ],
          "editableUntil" : "2025-04-15T11:10:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/6PPed71KJM",
            "expanded_url" : "https://www.nordwind-energie.de/karriere/werkstudent-data",
            "display_url" : "nordwind-energie.de/karri…",
            "indices" : [
              "95",
              "118"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "118"
      ],
      "favorite_count" : "9",
      "id_str" : "1912086033986514953",
      "truncated" : false,
      "retweet_count" : "6",
      "id" : "1912086033986514953",
      "created_at" : "Tue Apr 15 10:10:10 +0000 2025",
      "favorited" : false,
      "full_text" : "Looking for a working student in data engineering for our Hamburg office. DM me or apply here: https://t.co/6PPed71KJM",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1910050601169874952"
          ],
          "editableUntil" : "2025-04-09T20:22:05.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/jvSRXnZuQE",
            "expanded_url" : "https://www.example.org/article?topic=wind&not=coal",
            "display_url" : "example.org/article?topic…",
            "indices" : [
              "47",
              "70"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "70"
      ],
      "favorite_count" : "0",
      "id_str" : "1910050601169874952",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1910050601169874952",
      "created_at" : "Wed Apr 09 19:22:05 +0000 2025",
      "favorited" : false,
      "full_text" : "Great read on offshore wind &amp; grid storage https://t.co/jvSRXnZuQE",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1907337536598994951"
          ],
          "editableUntil" : "2025-04-02T08:41:20.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "75"
      ],
      "favorite_count" : "3",
      "id_str" : "1907337536598994951",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1907337536598994951",
      "created_at" : "Wed Apr 02 07:41:20 +0000 2025",
      "favorited" : false,
      "full_text" : "New office wifi is up! Network: NW-Guest, password: Nordwind2025! – enjoy ☕",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1905183824409554950"
          ],
          "editableUntil" : "2025-03-27T10:03:15.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Nordwind Energie",
            "screen_name" : "nordwind_official",
            "indices" : [
              "0",
              "18"
            ],
            "id_str" : "1298765432109876544",
            "id" : "1298765432109876544"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "58"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1904881834521538977",
      "id_str" : "1905183824409554950",
      "in_reply_to_user_id" : "1298765432109876544",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1905183824409554950",
      "in_reply_to_status_id" : "1904881834521538977",
      "created_at" : "Thu Mar 27 09:03:15 +0000 2025",
      "favorited" : false,
      "full_text" : "@nordwind_official Super Aktion, bin stolz dabei zu sein 💚",
      "lang" : "de",
      "in_reply_to_screen_name" : "nordwind_official",
      "in_reply_to_user_id_str" : "1298765432109876544"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1903469662696402949"
          ],
          "editableUntil" : "2025-03-22T16:31:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "82"
      ],
      "favorite_count" : "12",
      "id_str" : "1903469662696402949",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1903469662696402949",
      "created_at" : "Sat Mar 22 15:31:47 +0000 2025",
      "favorited" : false,
      "full_text" : "Gestern in Bremerhaven die Polarstern gesehen – das Forschungsschiff ist riesig! 🚢",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1900517300499410948"
          ],
          "editableUntil" : "2025-03-14T13:00:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "4"
      ],
      "favorite_count" : "0",
      "id_str" : "1900517300499410948",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1900517300499410948",
      "created_at" : "Fri Mar 14 12:00:09 +0000 2025",
      "favorited" : false,
      "full_text" : "🌬️💚⚡",
      "lang" : "und"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1898991840523218947"
          ],
          "editableUntil" : "2025-03-10T07:58:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "44"
      ],
      "favorite_count" : "4",
      "id_str" : "1898991840523218947",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1898991840523218947",
      "created_at" : "Mon Mar 10 06:58:31 +0000 2025",
      "favorited" : false,
      "full_text" : "Montagmorgen, Kaffee, Windkarten. Läuft. ☕🗺️",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1897342602441682946"
          ],
          "editableUntil" : "2025-03-05T18:45:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Nordwind",
            "indices" : [
              "0",
              "9"
            ]
          },
          {
            "text" : "Energiewende",
            "indices" : [
              "10",
              "23"
            ]
          },
          {
            "text" : "Husum",
            "indices" : [
              "24",
              "30"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "30"
      ],
      "favorite_count" : "0",
      "id_str" : "1897342602441682946",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1897342602441682946",
      "created_at" : "Wed Mar 05 17:45:02 +0000 2025",
      "favorited" : false,
      "full_text" : "#Nordwind #Energiewende #Husum",
      "lang" : "qht"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1896473785922514945"
          ],
          "editableUntil" : "2025-03-03T09:12:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Nordwind Energie",
            "screen_name" : "nordwind_official",
            "indices" : [
              "22",
              "40"
            ],
            "id_str" : "1298765432109876544",
            "id" : "1298765432109876544"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "94"
      ],
      "favorite_count" : "0",
      "id_str" : "1896473785922514945",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1896473785922514945",
      "created_at" : "Mon Mar 03 08:12:40 +0000 2025",
      "favorited" : false,
      "full_text" : "New here! Engineer at @nordwind_official, tweets about wind, data and bikes. Views are my own.",
      "lang" : "en"
    }
  }
]