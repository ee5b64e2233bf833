// The factories live in app/demo/ (the demo seed uses them too, and npm start never imports tests/).
export * from '#app/demo/factories.server'
