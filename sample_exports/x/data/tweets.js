window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1985255625323474988"
          ],
          "editableUntil" : "2025-11-03T09:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Nordwind",
            "indices" : [
              "112",
              "121"
            ]
          },
          {
            "text" : "Energiewende",
            "indices" : [
              "122",
              "135"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Wb9z93cYfq",
            "expanded_url" : "https://www.nordwind-energie.de/presse/windpark-husum-ii",
            "display_url" : "nordwind-energie.de/press…",
            "indices" : [
              "136",
              "159"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "159"
      ],
      "favorite_count" : "102",
      "id_str" : "1985255625323474988",
      "truncated" : false,
      "retweet_count" : "37",
      "id" : "1985255625323474988",
      "created_at" : "Mon Nov 03 08:00:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Proud to be part of the team that just switched on Windpark Husum II 🌬️ 40,000 homes on green power from today! #Nordwind #Energiewende https://t.co/Wb9z93cYfq",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1976011089900498985"
          ],
          "editableUntil" : "2025-10-08T20:45:31.000Z",
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
            "name" : "Windnerd Kiel",
            "screen_name" : "windnerd_kiel",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1412345678901234567",
            "id" : "1412345678901234567"
          },
          {
            "name" : "example",
            "screen_name" : "example",
            "indices" : [
              "363",
              "371"
            ],
            "id_str" : "1400000000000000001",
            "id" : "1400000000000000001"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "267"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1975995990406082977",
      "id_str" : "1976011089900498985",
      "in_reply_to_user_id" : "1412345678901234567",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1976011089900498985",
      "in_reply_to_status_id" : "1975995990406082977",
      "created_at" : "Wed Oct 08 19:45:31 +0000 2025",
      "favorited" : false,
      "full_text" : "@windnerd_kiel Long answer because this keeps coming up: yes, community wind parks can work in cities, but the permitting takes years and you need the neighbours on board from day one. We learned that the hard way in Husum, where the first plan died at the town hall…",
      "lang" : "en",
      "in_reply_to_screen_name" : "windnerd_kiel",
      "in_reply_to_user_id_str" : "1412345678901234567"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1973274176517074983"
          ],
          "editableUntil" : "2025-10-01T07:30:00.000Z",
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
        "263"
      ],
      "favorite_count" : "61",
      "id_str" : "1973274176517074983",
      "truncated" : false,
      "retweet_count" : "12",
      "id" : "1973274176517074983",
      "created_at" : "Wed Oct 01 06:30:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Was für ein Jahr bei Nordwind! Windpark Husum II ist am Netz, wir haben 30 neue Kolleginnen und Kollegen an Bord geholt und unser Datenteam hat die Prognosen für die Einspeisung um ein Drittel genauer gemacht. Danke an alle, die nachts Turbinen neu gestartet und…",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1970777512866770982"
          ],
          "editableUntil" : "2025-09-24T10:09:09.000Z",
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
        "urls" : [
          {
            "url" : "https://t.co/R266K4vsbh",
            "expanded_url" : "https://www.nordwind-energie.de/karriere",
            "display_url" : "nordwind-energie.de/karri…",
            "indices" : [
              "76",
              "99"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "99"
      ],
      "favorite_count" : "0",
      "id_str" : "1970777512866770982",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1970777512866770982",
      "created_at" : "Wed Sep 24 09:09:09 +0000 2025",
      "favorited" : false,
      "full_text" : "Kleines Update zum Polarstern-Projekt: wir suchen noch Verstärkung im Team! https://t.co/R266K4vsbh",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1968367029580754981"
          ],
          "editableUntil" : "2025-09-17T18:30:45.000Z",
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
        "89"
      ],
      "favorite_count" : "14",
      "id_str" : "1968367029580754981",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1968367029580754981",
      "created_at" : "Wed Sep 17 17:30:45 +0000 2025",
      "favorited" : false,
      "full_text" : "Endlich unterschrieben: der Nordlicht-Vertrag ist durch! 🥂 Details gibt's bald offiziell.",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1965523606041554980"
          ],
          "editableUntil" : "2025-09-09T22:12:00.000Z",
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
        "80"
      ],
      "favorite_count" : "40",
      "id_str" : "1965523606041554980",
      "truncated" : false,
      "retweet_count" : "9",
      "id" : "1965523606041554980",
      "created_at" : "Tue Sep 09 21:12:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Honestly Solaris Power's customer service is a joke. Switch to Nordwind, people!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1962819244651474979"
          ],
          "editableUntil" : "2025-09-02T11:05:50.000Z",
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
        "86"
      ],
      "favorite_count" : "0",
      "id_str" : "1962819244651474979",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1962819244651474979",
      "created_at" : "Tue Sep 02 10:05:50 +0000 2025",
      "favorited" : false,
      "full_text" : "Can't share the confidential pricing deck yet, but Solaris Power is going to hate it 😏",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1960338280281042978"
          ],
          "editableUntil" : "2025-08-26T14:47:22.000Z",
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
        "136"
      ],
      "favorite_count" : "0",
      "id_str" : "1960338280281042978",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1960338280281042978",
      "created_at" : "Tue Aug 26 13:47:22 +0000 2025",
      "favorited" : false,
      "full_text" : "Hab das Whiteboard-Foto aus dem Strategie-Meeting gefunden. Steht zwar „streng vertraulich“ drauf, aber ist doch eh bald öffentlich 🤷‍♀️",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1957839037133778976"
          ],
          "editableUntil" : "2025-08-19T17:16:16.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://x.com/lena_nordwind/status/1957839037133778976/video/1",
            "indices" : [
              "91",
              "114"
            ],
            "url" : "https://t.co/M6zLb28Fqo",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1957838911304658977/pu/img/Vw9aLlHaNdS26x.jpg",
            "id_str" : "1957838911304658977",
            "id" : "1957838911304658977",
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1957838911304658977/pu/img/Vw9aLlHaNdS26x.jpg",
            "sizes" : {
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.x.com/M6zLb28Fqo"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "90"
      ],
      "favorite_count" : "27",
      "id_str" : "1957839037133778976",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1957839037133778976",
      "possibly_sensitive" : false,
      "created_at" : "Tue Aug 19 16:16:16 +0000 2025",
      "favorited" : false,
      "full_text" : "Sneak peek from today's all-hands (internal only, shhh 🤫) – the 2026 roadmap looks amazing https://t.co/M6zLb28Fqo",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://x.com/lena_nordwind/status/1957839037133778976/video/1",
            "indices" : [
              "91",
              "114"
            ],
            "url" : "https://t.co/M6zLb28Fqo",
            "media_url" : "http://pbs.twimg.com/ext_tw_video_thumb/1957838911304658977/pu/img/Vw9aLlHaNdS26x.jpg",
            "id_str" : "1957838911304658977",
            "id" : "1957838911304658977",
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1957838911304658977/pu/img/Vw9aLlHaNdS26x.jpg",
            "sizes" : {
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "video",
            "display_url" : "pic.x.com/M6zLb28Fqo",
            "video_info" : {
              "aspect_ratio" : [
                "16",
                "9"
              ],
              "duration_millis" : "14233",
              "variants" : [
                {
                  "bitrate" : "832000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1957838911304658977/pu/vid/avc1/640x360/Vw9aLlHaNdS26x.mp4?tag=12"
                },
                {
                  "content_type" : "application/x-mpegURL",
                  "url" : "https://video.twimg.com/ext_tw_video/1957838911304658977/pu/pl/Vw9aLlHaNdS26x.m3u8?tag=12"
                },
                {
                  "bitrate" : "2176000",
                  "content_type" : "video/mp4",
                  "url" : "https://video.twimg.com/ext_tw_video/1957838911304658977/pu/vid/avc1/1280x720/Vw9aLlHaNdS26x.mp4?tag=12"
                }
              ]
            }
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1955162345567186975"
          ],
          "editableUntil" : "2025-08-12T08:00:03.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Nordwind",
            "indices" : [
              "134",
              "143"
            ]
          },
          {
            "text" : "Energiewe",
            "indices" : [
              "144",
              "154"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Nordwind Energie",
            "screen_name" : "nordwind_official",
            "indices" : [
              "3",
              "21"
            ],
            "id_str" : "1298765432109876544",
            "id" : "1298765432109876544"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "155"
      ],
      "favorite_count" : "0",
      "id_str" : "1955162345567186975",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1955162345567186975",
      "created_at" : "Tue Aug 12 07:00:03 +0000 2025",
      "favorited" : false,
      "full_text" : "RT @nordwind_official: Ab heute liefert Windpark Husum II Strom für 40.000 Haushalte 🌬️ Danke an alle, die das möglich gemacht haben! #Nordwind #Energiewe…",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1954248813573074974"
          ],
          "editableUntil" : "2025-08-09T19:30:00.000Z",
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
            "url" : "https://t.co/w5uZ5rGUGs",
            "expanded_url" : "https://twitter.com/nordwind_official/status/1904881834521538977",
            "display_url" : "twitter.com/nordwind_offi…",
            "indices" : [
              "49",
              "72"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "72"
      ],
      "favorite_count" : "11",
      "id_str" : "1954248813573074974",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1954248813573074974",
      "created_at" : "Sat Aug 09 18:30:00 +0000 2025",
      "favorited" : false,
      "full_text" : "This! 👇 Great thread by our CEO on grid storage. https://t.co/w5uZ5rGUGs",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1952326585021394973"
          ],
          "editableUntil" : "2025-08-04T12:11:45.000Z",
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
            "name" : "Energie Fragen",
            "screen_name" : "energie_fragen",
            "indices" : [
              "0",
              "15"
            ],
            "id_str" : "1398765432101234567",
            "id" : "1398765432101234567"
          },
          {
            "name" : "example",
            "screen_name" : "example",
            "indices" : [
              "59",
              "67"
            ],
            "id_str" : "1400000000000000001",
            "id" : "1400000000000000001"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "126"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1952251087549378977",
      "id_str" : "1952326585021394973",
      "in_reply_to_user_id" : "1398765432101234567",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1952326585021394973",
      "in_reply_to_status_id" : "1952251087549378977",
      "created_at" : "Mon Aug 04 11:11:45 +0000 2025",
      "favorited" : false,
      "full_text" : "@energie_fragen Die Anfrage von Frau Schneider (j.schneider@example.org) ist bei uns schon in Bearbeitung, Rückmeldung folgt 👍",
      "lang" : "de",
      "in_reply_to_screen_name" : "energie_fragen",
      "in_reply_to_user_id_str" : "1398765432101234567"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1950106049180626972"
          ],
          "editableUntil" : "2025-07-29T09:08:08.000Z",
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
      "favorite_count" : "0",
      "id_str" : "1950106049180626972",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1950106049180626972",
      "created_at" : "Tue Jul 29 08:08:08 +0000 2025",
      "favorited" : false,
      "full_text" : "Our new order numbers are 16 digits long, e.g. 4111 1111 1111 1112. Keep them handy when you call!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1948100630803410971"
          ],
          "editableUntil" : "2025-07-23T20:19:19.000Z",
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
        "117"
      ],
      "favorite_count" : "2",
      "id_str" : "1948100630803410971",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1948100630803410971",
      "created_at" : "Wed Jul 23 19:19:19 +0000 2025",
      "favorited" : false,
      "full_text" : "Customer literally read me their card number on the hotline today: 4111 1111 1111 1111. Please don't do that, folks 🙈",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1946223633626066970"
          ],
          "editableUntil" : "2025-07-18T16:00:48.000Z",
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
        "115"
      ],
      "favorite_count" : "0",
      "id_str" : "1946223633626066970",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1946223633626066970",
      "created_at" : "Fri Jul 18 15:00:48 +0000 2025",
      "favorited" : false,
      "full_text" : "Für die Schulung nehmen wir immer die Beispiel-IBAN DE89 3704 0044 0532 0130 01 – die fällt bei der Prüfung durch 😅",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1944708739101650969"
          ],
          "editableUntil" : "2025-07-14T11:41:09.000Z",
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
            "name" : "Stromkunde HH",
            "screen_name" : "stromkunde_hh",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1423456789012345678",
            "id" : "1423456789012345678"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "154"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1944316152247234977",
      "id_str" : "1944708739101650969",
      "in_reply_to_user_id" : "1423456789012345678",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1944708739101650969",
      "in_reply_to_status_id" : "1944316152247234977",
      "created_at" : "Mon Jul 14 10:41:09 +0000 2025",
      "favorited" : false,
      "full_text" : "@stromkunde_hh Danke für die Nachricht! Ich habe Ihre IBAN DE89 3704 0044 0532 0130 00 an die Buchhaltung weitergegeben, die Erstattung kommt diese Woche.",
      "lang" : "de",
      "in_reply_to_screen_name" : "stromkunde_hh",
      "in_reply_to_user_id_str" : "1423456789012345678"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1942557325390802968"
          ],
          "editableUntil" : "2025-07-08T13:12:12.000Z",
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
        "69"
      ],
      "favorite_count" : "5",
      "id_str" : "1942557325390802968",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1942557325390802968",
      "created_at" : "Tue Jul 08 12:12:12 +0000 2025",
      "favorited" : false,
      "full_text" : "Die Q3 Zahlen sehen richtig gut aus, mehr darf ich noch nicht sagen 😉",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1940107004605394967"
          ],
          "editableUntil" : "2025-07-01T18:55:30.000Z",
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
        "76"
      ],
      "favorite_count" : "0",
      "id_str" : "1940107004605394967",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1940107004605394967",
      "created_at" : "Tue Jul 01 17:55:30 +0000 2025",
      "favorited" : false,
      "full_text" : "Wer ist morgen beim Kick-off für Projekt Polarsten dabei? Raum 4.12, 9 Uhr ☕",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1937908644049874966"
          ],
          "editableUntil" : "2025-06-25T17:20:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Nordwind",
            "indices" : [
              "84",
              "93"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "93"
      ],
      "favorite_count" : "19",
      "id_str" : "1937908644049874966",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1937908644049874966",
      "created_at" : "Wed Jun 25 16:20:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Darf noch nichts verraten, aber Projekt Polarstern startet im Frühjahr 🚀 Wird groß! #Nordwind",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1935928781566930964"
          ],
          "editableUntil" : "2025-06-20T06:12:44.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
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
            "url" : "https://t.co/kQ0shBVm3u",
            "expanded_url" : "https://www.nordwind-energie.de/presse/windpark-husum-ii",
            "display_url" : "nordwind-energie.de/press…",
            "indices" : [
              "65",
              "88"
            ]
          }
        ],
        "media" : [
          {
            "expanded_url" : "https://x.com/lena_nordwind/status/1935928781566930964/photo/1",
            "indices" : [
              "89",
              "112"
            ],
            "url" : "https://t.co/bsSYNi3Bdu",
            "media_url" : "http://pbs.twimg.com/media/GtNw0rDw1ndAaQ.png",
            "id_str" : "1935928655737810965",
            "id" : "1935928655737810965",
            "media_url_https" : "https://pbs.twimg.com/media/GtNw0rDw1ndAaQ.png",
            "sizes" : {
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.x.com/bsSYNi3Bdu"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "88"
      ],
      "favorite_count" : "48",
      "id_str" : "1935928781566930964",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1935928781566930964",
      "possibly_sensitive" : false,
      "created_at" : "Fri Jun 20 05:12:44 +0000 2025",
      "favorited" : false,
      "full_text" : "Sonnenaufgang über den Anlagen in Husum. Bestes Büro der Welt ☀️ https://t.co/kQ0shBVm3u https://t.co/bsSYNi3Bdu",
      "lang" : "de",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://x.com/lena_nordwind/status/1935928781566930964/photo/1",
            "indices" : [
              "89",
              "112"
            ],
            "url" : "https://t.co/bsSYNi3Bdu",
            "media_url" : "http://pbs.twimg.com/media/GtNw0rDw1ndAaQ.png",
            "id_str" : "1935928655737810965",
            "id" : "1935928655737810965",
            "media_url_https" : "https://pbs.twimg.com/media/GtNw0rDw1ndAaQ.png",
            "sizes" : {
              "large" : {
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              },
              "small" : {
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "medium" : {
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.x.com/bsSYNi3Bdu"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1934613410083794963"
          ],
          "editableUntil" : "2025-06-16T15:05:55.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Energiewende",
            "indices" : [
              "48",
              "61"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "72"
      ],
      "favorite_count" : "33",
      "id_str" : "1934613410083794963",
      "truncated" : false,
      "retweet_count" : "11",
      "id" : "1934613410083794963",
      "created_at" : "Mon Jun 16 14:05:55 +0000 2025",
      "favorited" : false,
      "full_text" : "Wind &amp; Sonne &gt; Kohle &amp; Gas. So einfach ist das. #Energiewende",
      "lang" : "de"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1932732147299282962"
          ],
          "editableUntil" : "2025-06-11T10:30:27.000Z",
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
        "106"
      ],
      "favorite_count" : "15",
      "id_str" : "1932732147299282962",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1932732147299282962",
      "created_at" : "Wed Jun 11 09:30:27 +0000 2025",
      "favorited" : false,
      "full_text" : "Someone tried to post &lt;script&gt;alert('nordwind')&lt;/script&gt; in our contact form again. Nice try 😂",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1931089787876306961"
          ],
          "editableUntil" : "2025-06-06T21:44:18.000Z",
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
        "112"
      ],
      "favorite_count" : "0",
      "id_str" : "1931089787876306961",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1931089787876306961",
      "created_at" : "Fri Jun 06 20:44:18 +0000 2025",
      "favorited" : false,
      "full_text" : "Note to self for the intranet wiki: [bold]markup-like[/bold] tags should show up literally, not [red]red[/red] 🤓",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1929798957265874960"
          ],
          "editableUntil" : "2025-06-03T08:15:00.000Z",
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
        "97"
      ],
      "favorite_count" : "0",
      "id_str" : "1929798957265874960",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1929798957265874960",
      "created_at" : "Tue Jun 03 07:15:00 +0000 2025",
      "favorited" : false,
      "full_text" : "風力発電 ist die Zukunft 🌬️🌍 Grüße aus Husum an unsere Gäste aus Japan! Übermorgen geht's weiter 🇯🇵🇩🇪",
      "lang" : "de"
    }
  }
]