window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1973274176517074984",
      "updatedAt" : "2025-10-01T06:30:00.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Active",
        "originalName" : "Active",
        "annotations" : { }
      },
      "createdAt" : "2025-10-01T06:30:00.000Z",
      "core" : {
        "styletags" : [ ],
        "urls" : [ ],
        "text" : "Was für ein Jahr bei Nordwind! Windpark Husum II ist am Netz, wir haben 30 neue Kolleginnen und Kollegen an Bord geholt und unser Datenteam hat die Prognosen für die Einspeisung um ein Drittel genauer gemacht. Danke an alle, die nachts Turbinen neu gestartet und Dashboards repariert haben. Und unter uns: die Q3-Zahlen sind die besten seit der Gründung, offiziell verkünden wir sie erst im November. Auf ein windiges nächstes Jahr! 🌬️ #Nordwind",
        "mentions" : [ ],
        "cashtags" : [ ],
        "hashtags" : [
          {
            "text" : "Nordwind",
            "fromIndex" : "436",
            "toIndex" : "445"
          }
        ]
      }
    }
  },
  {
    "noteTweet" : {
      "noteTweetId" : "1976011089900498986",
      "updatedAt" : "2025-10-08T19:45:32.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Active",
        "originalName" : "Active",
        "annotations" : { }
      },
      "createdAt" : "2025-10-08T19:45:32.000Z",
      "core" : {
        "styletags" : [
          {
            "styleTypes" : [
              {
                "name" : "Bold"
              }
            ],
            "fromIndex" : "0",
            "toIndex" : "11"
          }
        ],
        "urls" : [ ],
        "text" : "Long answer because this keeps coming up: yes, community wind parks can work in cities, but the permitting takes years and you need the neighbours on board from day one. We learned that the hard way in Husum, where the first plan died at the town hall meeting. If you want the full story, the customer who started the petition, Karin Weber (k.weber@example.com), is happy to talk about it. 🙂",
        "mentions" : [ ],
        "cashtags" : [ ],
        "hashtags" : [ ]
      }
    }
  },
  {
    "noteTweet" : {
      "noteTweetId" : "1980242593182674987",
      "updatedAt" : "2025-10-20T12:00:00.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Active",
        "originalName" : "Active",
        "annotations" : { }
      },
      "createdAt" : "2025-10-20T12:00:00.000Z",
      "core" : {
        "styletags" : [ ],
        "urls" : [ ],
        "text" : "Entwurf für einen Thread über Speicher: Warum Windenergie und Batteriespeicher zusammengehören, wie wir Lastspitzen glätten und was das für die Netzentgelte heißt. Mehr dazu nach dem Urlaub, versprochen – vorher gibt es noch Fotos von der Nordsee und ein paar Zahlen zur Auslastung unserer Anlagen, die schon öffentlich sind. ⚡🔋",
        "mentions" : [ ],
        "cashtags" : [ ],
        "hashtags" : [ ]
      }
    }
  }
]