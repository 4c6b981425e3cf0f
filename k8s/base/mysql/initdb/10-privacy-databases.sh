# Sourced once by the mysql image's entrypoint, on the first start with an empty data directory
# (/docker-entrypoint-initdb.d). One database and one user per service, each user with rights on its own schema
# only (DDL included: Liquibase migrates the schema at start). Names and passwords come from the environment,
# which the StatefulSet fills from Secrets; nothing secret is in this file.

privacy_sql_string() { # quote a value as an SQL string literal
  local value=${1//\\/\\\\}
  printf "'%s'" "${value//\'/\'\'}"
}

privacy_create_database() { # database user password
  docker_process_sql <<-EOSQL
	CREATE DATABASE IF NOT EXISTS \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER IF NOT EXISTS $(privacy_sql_string "$2")@'%' IDENTIFIED BY $(privacy_sql_string "$3");
	GRANT ALL PRIVILEGES ON \`$1\`.* TO $(privacy_sql_string "$2")@'%';
	EOSQL
  mysql_note "privacy-suite: database $1 for user $2"
}

privacy_create_database privacy_consent "$CONSENT_DB_USERNAME" "$CONSENT_DB_PASSWORD"
privacy_create_database privacy_account "$ACCOUNT_DB_USERNAME" "$ACCOUNT_DB_PASSWORD"
privacy_create_database privacy_dsar "$DSAR_DB_USERNAME" "$DSAR_DB_PASSWORD"
privacy_create_database privacy_newsletter "$NEWSLETTER_DB_USERNAME" "$NEWSLETTER_DB_PASSWORD"
privacy_create_database privacy_gateway "$GATEWAY_DB_USERNAME" "$GATEWAY_DB_PASSWORD"
privacy_create_database keycloak "$KEYCLOAK_DB_USERNAME" "$KEYCLOAK_DB_PASSWORD"
