window.YTD.deleted_tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1989765340984274991"
          ],
          "editableUntil" : "2025-11-15T19:40:00.000Z",
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
        "45"
      ],
      "favorite_count" : "0",
      "id_str" : "1989765340984274991",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1989765340984274991",
      "created_at" : "Sat Nov 15 18:40:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Projekt Polarstern Budget: 12 Mio. € – psst 🤫",
      "lang" : "de",
      "deleted_at" : "Sat Nov 15 18:41:12 +0000 2025"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1988729305953234990"
          ],
          "editableUntil" : "2025-11-12T23:03:10.000Z",
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
            "name" : "Solaris Power",
            "screen_name" : "solarispower",
            "indices" : [
              "0",
              "13"
            ],
            "id_str" : "1276543210987654321",
            "id" : "1276543210987654321"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "58"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1988699106964418977",
      "id_str" : "1988729305953234990",
      "in_reply_to_user_id" : "1276543210987654321",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1988729305953234990",
      "in_reply_to_status_id" : "1988699106964418977",
      "created_at" : "Wed Nov 12 22:03:10 +0000 2025",
      "favorited" : false,
      "full_text" : "@solarispower Eure Anlagen sind Schrott, sorry not sorry 🙃",
      "lang" : "de",
      "in_reply_to_screen_name" : "solarispower",
      "in_reply_to_user_id_str" : "1276543210987654321",
      "deleted_at" : "Thu Nov 13 07:30:02 +0000 2025"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1987810963092434989"
          ],
          "editableUntil" : "2025-11-10T10:14:00.000Z",
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
        "88"
      ],
      "favorite_count" : "0",
      "id_str" : "1987810963092434989",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1987810963092434989",
      "created_at" : "Mon Nov 10 09:14:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Zugang zum Kundenportal für die Kollegen: lena.h / Sommer2025! (bitte nicht weitergeben)",
      "lang" : "de",
      "deleted_at" : "Mon Nov 10 09:20:41 +0000 2025"
    }
  }
]