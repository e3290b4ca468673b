-- The first migration. Add more with: dotnet new migration --name add_something
CREATE TABLE app_settings (
    name varchar(100) NOT NULL PRIMARY KEY,
    value varchar(1000) NOT NULL
);
