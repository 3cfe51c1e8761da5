window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "lena.private@example.net",
      "createdVia" : "web",
      "username" : "lena_nordwind",
      "accountId" : "1501234567890123456",
      "createdAt" : "2022-02-24T08:31:12.000Z",
      "accountDisplayName" : "Lena Hoffmann",
      "phoneNumber" : "+4915550123456"
    }
  }
]