Console.Error.WriteLine("No scenarios yet.");
return 1;
